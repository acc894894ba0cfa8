namespace IdP.Server.Tests.Protocol;

/// <summary>
/// B2C's <c>/tfp/{tenant}/{policy}/…</c> form of every endpoint: the only authority form MSAL.NET accepts for B2C, and,
/// for flows with the tfp issuer, the OpenID-Discovery-compliant place of the discovery document (issuer +
/// <c>.well-known/openid-configuration</c>).
/// </summary>
public abstract class TfpFormTests(IdPFactory factory)
{
    [Theory]
    [InlineData("contoso")]
    [InlineData("contoso.onmicrosoft.com")]
    [InlineData("{id}")]
    public async Task Discovery_in_the_tfp_form_advertises_tfp_endpoints_that_work(string segment)
    {
        segment = segment.Replace("{id}", (await factory.TenantIdAsync()).ToString("D"), StringComparison.Ordinal);

        var discovery = await GetJsonAsync($"/tfp/{segment}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");

        var flow = $"{IdPFactory.Origin}/tfp/{segment.ToLowerInvariant()}/{IdPFactory.SignInPolicy.ToLowerInvariant()}";
        Assert.Equal($"{flow}/oauth2/v2.0/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{flow}/oauth2/v2.0/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{flow}/oauth2/v2.0/logout", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal($"{flow}/discovery/v2.0/keys", discovery.GetProperty("jwks_uri").GetString());
        var keys = await GetJsonAsync(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.NotEqual(0, keys.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task Sign_in_code_redemption_refresh_and_logout_all_work_in_the_tfp_form()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(postLogoutRedirectUris: ["https://app.test/signed-out"]);
        var request = client.Authorize() with { TfpForm = true, TenantSegment = IdPFactory.TenantDomain };
        using var browser = factory.CreateBrowser();
        var token = $"/tfp/{IdPFactory.TenantDomain}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token";

        var code = (await browser.SignInThroughFormAsync(request, user)).ToApp()["code"]!;
        var tokens = await client.PostTokenToAsync(token, new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = client.RedirectUri, ["code_verifier"] = request.CodeVerifier });
        var refreshed = await client.PostTokenToAsync(token, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]! });
        var loggedOut = await browser.NavigateAsync($"/tfp/{IdPFactory.TenantDomain}/{IdPFactory.SignInPolicy}/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fapp.test%2Fsigned-out&state=s1");

        Assert.Equal(200, tokens.Status);
        Assert.Equal(200, refreshed.Status);
        Assert.Equal("s1", loggedOut.ToApp()["state"]);
        await SignInPage.OpenAsync(browser, request with { State = "again" });
    }

    [Fact]
    public async Task A_tfp_issuer_flow_serves_its_discovery_document_at_its_issuer()
    {
        var policy = await factory.CreateFlowAsync(new UserFlow { Name = "tfpissuer" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "", IssuerFormat = IssuerFormat.PolicyIssuer });
        var issuer = $"{IdPFactory.Origin}/tfp/{await factory.TenantIdAsync():D}/{policy.Name.ToLowerInvariant()}/v2.0/";

        var discovery = await GetJsonAsync(issuer + ".well-known/openid-configuration");

        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task An_unknown_flow_in_the_tfp_form_is_a_404()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync($"/tfp/{IdPFactory.Tenant}/B2C_1_nope/v2.0/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class TfpFormTestsOnSqlite(IdPFactory<Sqlite> factory) : TfpFormTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TfpFormTestsOnPostgres(IdPFactory<Postgres> factory) : TfpFormTests(factory), IClassFixture<IdPFactory<Postgres>>;
