using IdP.Core.Claims;

namespace IdP.Server.Tests.Protocol;

/// <summary>
/// Access tokens for web APIs as B2C issues them, which APIs on Microsoft.Identity.Web validate: <c>aud</c> the API's
/// application id, <c>scp</c> the granted scope names, <c>azp</c> the client, header <c>typ</c> JWT, no private claims.
/// </summary>
public abstract class ApiAccessTokenTests(IdPFactory factory)
{
    [Fact]
    public async Task A_user_sign_in_for_an_api_scope_gives_a_b2c_shaped_access_token_for_that_api()
    {
        var user = await factory.CreateUserAsync();
        var api = await factory.RegisterApiAsync();
        var client = await factory.RegisterApiClientAsync([api.Scope("tasks.read"), api.Scope("tasks.write")]);
        var request = client.Authorize(scope: $"openid offline_access {api.Scope("tasks.read")}");
        using var browser = factory.CreateBrowser();

        var tokens = await browser.SignInAndRedeemAsync(client, user, request);

        var accessToken = new JsonWebToken(tokens["access_token"]);
        Assert.Equal("JWT", accessToken.Typ);
        Assert.Equal([api.ClientId], accessToken.Audiences);
        Assert.Equal("tasks.read", accessToken.GetClaim("scp").Value);
        Assert.Equal(client.ClientId, accessToken.GetClaim("azp").Value);
        Assert.Equal(user.Account.Id.ToString("D"), accessToken.Subject);
        Assert.Equal(user.Account.Id.ToString("D"), accessToken.GetClaim("oid").Value);
        Assert.Equal($"{IdPFactory.Origin}/{await factory.TenantIdAsync():D}/v2.0/", accessToken.Issuer);
        Assert.Equal((await factory.TenantIdAsync()).ToString("D"), accessToken.GetClaim("tid").Value);
        Assert.Equal(IdPFactory.SignInPolicy, accessToken.GetClaim("tfp").Value);
        Assert.Equal("1.0", accessToken.GetClaim("ver").Value);
        foreach (var claim in new[] { "iat", "nbf", "exp" })
        {
            Assert.True(accessToken.TryGetPayloadValue<long>(claim, out _), claim);
        }

        Assert.DoesNotContain(accessToken.Claims, c => c.Type.StartsWith("oi_", StringComparison.Ordinal) || c.Type is "scope" or "client_id");
        var idToken = new JsonWebToken(tokens["id_token"]);
        Assert.DoesNotContain(idToken.Claims, c => c.Type.StartsWith("oi_", StringComparison.Ordinal));

        // MSAL keys its cache on the scopes the response names: they must include the API scope as requested.
        Assert.Contains(api.Scope("tasks.read"), tokens["scope"]!.Split(' '));
    }

    [Fact]
    public async Task Asking_for_the_clients_own_id_gives_an_access_token_for_the_app_itself()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var tokens = await browser.SignInAndRedeemAsync(client, user, client.Authorize(scope: $"openid offline_access {client.ClientId}"));

        var accessToken = new JsonWebToken(tokens["access_token"]);
        Assert.Equal([client.ClientId], accessToken.Audiences);
        Assert.False(accessToken.TryGetClaim("scp", out _));
    }

    [Fact]
    public async Task A_scope_the_client_has_no_permission_for_is_refused_with_aadb2c90205()
    {
        var api = await factory.RegisterApiAsync();
        var client = await factory.RegisterApiClientAsync([api.Scope("tasks.read")]);
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(client.Authorize(scope: $"openid {api.Scope("tasks.write")}").Url)).ToApp();

        Assert.NotNull(app["error"]);
        Assert.StartsWith("AADB2C90205:", app["error_description"], StringComparison.Ordinal);
        Assert.Contains("Correlation ID: ", app["error_description"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://nowhere.contoso.test/api/tasks.read")]
    [InlineData("/x/y")]
    [InlineData("//evil.test/x")]
    [InlineData("{api path}/tasks.read")]
    public async Task A_scope_no_api_defines_is_refused_with_aadb2c90012_even_when_it_reads_as_a_path(string scope)
    {
        // On Linux System.Uri reads "/x" and "//host" as file paths; a scope written so is just another unknown scope,
        // even when the path is that of an API the client has a permission on.
        var api = await factory.RegisterApiAsync();
        var client = await factory.RegisterApiClientAsync([api.Scope("tasks.read")]);
        scope = scope.Replace("{api path}", new Uri(api.AppIdUri!).AbsolutePath, StringComparison.Ordinal);
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(client.Authorize(scope: $"openid {scope}").Url)).ToApp();

        Assert.Equal("invalid_scope", app["error"]);
        Assert.StartsWith(B2CErrorCodes.ScopeNotSupportedDescription($"openid {scope}"), app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scopes_of_two_apis_in_one_request_are_refused_with_aadb2c90146()
    {
        var first = await factory.RegisterApiAsync();
        var second = await factory.RegisterApiAsync();
        var client = await factory.RegisterApiClientAsync([first.Scope("tasks.read"), second.Scope("tasks.read")]);
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(client.Authorize(scope: $"openid {first.Scope("tasks.read")} {second.Scope("tasks.read")}").Url)).ToApp();

        Assert.Equal("invalid_scope", app["error"]);
        Assert.StartsWith("AADB2C90146:", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_asking_for_dot_default_gets_every_scope_it_was_granted_on_that_api()
    {
        var api = await factory.RegisterApiAsync();
        var secret = "daemon-secret-" + Guid.NewGuid();
        var daemon = await factory.RegisterApiClientAsync([api.Scope("tasks.read"), api.Scope("tasks.write")], secret: secret, allowClientCredentials: true);

        var tokens = await daemon.ClientCredentialsAsync(scope: api.Scope(".default"));

        Assert.Equal(200, tokens.Status);
        var accessToken = new JsonWebToken(tokens["access_token"]);
        Assert.Equal([api.ClientId], accessToken.Audiences);
        Assert.Equal(["tasks.read", "tasks.write"], accessToken.GetClaim("scp").Value.Split(' ').Order(StringComparer.Ordinal));
        Assert.Equal(daemon.ClientId, accessToken.GetClaim("azp").Value);
        Assert.Equal(daemon.ClientId, accessToken.Subject);
        Assert.Null(tokens["client_info"]);
    }

    [Fact]
    public async Task A_daemon_without_permissions_on_an_api_cannot_get_a_token_for_it()
    {
        var api = await factory.RegisterApiAsync();
        var daemon = await factory.RegisterApiClientAsync([], secret: "daemon-secret-" + Guid.NewGuid(), allowClientCredentials: true);

        var tokens = await daemon.ClientCredentialsAsync(scope: api.Scope(".default"));

        Assert.Equal(400, tokens.Status);
        Assert.Null(tokens["access_token"]);
        Assert.StartsWith("AADB2C90205:", tokens.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_info_carries_the_object_id_with_the_policy_and_the_tenant_id_when_asked_for()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var code = (await browser.SignInThroughFormAsync(request, user)).ToApp()["code"]!;

        var tokens = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = request.CodeVerifier,
            ["client_info"] = "1",
        });

        using var json = JsonDocument.Parse(ClientInfo.Decode(tokens["client_info"]!));
        Assert.Equal($"{user.Account.Id:D}-{IdPFactory.SignInPolicy.ToLowerInvariant()}", json.RootElement.GetProperty("uid").GetString());
        Assert.Equal((await factory.TenantIdAsync()).ToString("D"), json.RootElement.GetProperty("utid").GetString());

        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!);
        Assert.Null(refreshed["client_info"]);
    }
}

public sealed class ApiAccessTokenTestsOnSqlite(IdPFactory<Sqlite> factory) : ApiAccessTokenTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ApiAccessTokenTestsOnPostgres(IdPFactory<Postgres> factory) : ApiAccessTokenTests(factory), IClassFixture<IdPFactory<Postgres>>;
