using IdP.Core.Claims;

namespace IdP.Server.Tests.Protocol;

/// <summary>B2C's token compatibility settings: the tfp issuer form, acr instead of tfp, and the "Not supported" subject.</summary>
public abstract class TokenCompatibilityTests(IdPFactory factory)
{
    [Fact]
    public async Task A_flow_with_the_tfp_issuer_and_acr_claim_issues_tokens_in_that_form()
    {
        var policy = await CreateFlowAsync(f =>
        {
            f.IssuerFormat = IssuerFormat.PolicyIssuer;
            f.PolicyClaim = PolicyClaim.Acr;
        });
        var (client, tokens) = await SignInAsync(policy);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!, policy);

        var expectedIssuer = $"{IdPFactory.Origin}/tfp/{await factory.TenantIdAsync():D}/{policy.ToLowerInvariant()}/v2.0/";
        Assert.Equal(expectedIssuer, idToken.Issuer);
        Assert.Equal(expectedIssuer, (await DiscoveryAsync(policy)).GetProperty("issuer").GetString());
        Assert.Equal(policy, idToken.GetClaim("acr").Value);
        Assert.False(idToken.TryGetClaim("tfp", out _));
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!, policy)).Status);
    }

    [Fact]
    public async Task A_flow_whose_subject_is_not_supported_puts_the_object_id_in_oid_only()
    {
        var policy = await CreateFlowAsync(f => f.SubjectClaim = SubjectClaim.NotSupported);
        var (client, tokens, user) = await SignInWithUserAsync(policy);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!, policy);

        Assert.Equal(TokenClaimsBuilder.SubjectNotSupported, idToken.Subject);
        Assert.Equal(user.Account.Id.ToString("D"), idToken.GetClaim("oid").Value);
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!, policy)).Status);
    }

    [Fact]
    public async Task A_flow_returns_only_the_application_claims_it_lists()
    {
        var policy = await CreateFlowAsync(f => f.ApplicationClaims = [ApplicationClaims.DisplayName]);
        var (client, tokens) = await SignInAsync(policy);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!, policy);

        Assert.Equal("Test User", idToken.GetClaim("name").Value);
        Assert.False(idToken.TryGetClaim("oid", out _));
        Assert.False(idToken.TryGetClaim("emails", out _));
        Assert.False(idToken.TryGetClaim("given_name", out _));
    }

    [Fact]
    public async Task The_access_token_carries_the_b2c_claims_and_is_for_the_app()
    {
        var policy = await CreateFlowAsync(_ => { });
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var request = client.Authorize(policy, scope: $"openid offline_access {client.ClientId}");

        var tokens = await browser.SignInAndRedeemAsync(client, user, request);

        var accessToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["access_token"]!);
        Assert.Equal(user.Account.Id.ToString("D"), accessToken.Subject);
        Assert.Contains(client.ClientId, accessToken.Audiences);
        Assert.Equal(policy, accessToken.GetClaim("tfp").Value);
        Assert.Equal("1.0", accessToken.GetClaim("ver").Value);
        Assert.False(accessToken.TryGetClaim("idp_stamp", out _), "private claims must not reach the access token");
    }

    private async Task<string> CreateFlowAsync(Action<UserFlow> configure)
    {
        var flow = new UserFlow { Name = "B2C_1_compat" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" };
        configure(flow);
        return (await factory.CreateFlowAsync(flow)).Name;
    }

    private async Task<(OidcClient Client, TokenResponse Tokens)> SignInAsync(string policy)
    {
        var (client, tokens, _) = await SignInWithUserAsync(policy);
        return (client, tokens);
    }

    private async Task<(OidcClient Client, TokenResponse Tokens, TestUser User)> SignInWithUserAsync(string policy)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        return (client, await browser.SignInAndRedeemAsync(client, user, client.Authorize(policy)), user);
    }

    private async Task<JsonElement> DiscoveryAsync(string policy)
    {
        using var http = factory.CreateHttpClient();
        return await http.GetFromJsonAsync<JsonElement>($"/{IdPFactory.Tenant}/{policy}/v2.0/.well-known/openid-configuration");
    }
}

public sealed class TokenCompatibilityTestsOnSqlite(IdPFactory<Sqlite> factory) : TokenCompatibilityTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TokenCompatibilityTestsOnPostgres(IdPFactory<Postgres> factory) : TokenCompatibilityTests(factory), IClassFixture<IdPFactory<Postgres>>;
