using OpenIddict.Validation;

namespace IdP.Server.Tests.Admin;

/// <summary>
/// The admin API's bootstrap client (IdP:Admin:ClientId/ClientSecret) gets app-only tokens for scope idp.admin, which
/// the server's own validation accepts; an application without admin access cannot get one.
/// </summary>
public sealed class AdminApiTokenTests(AdminApiTokenTests.Factory factory) : IClassFixture<AdminApiTokenTests.Factory>
{
    private const string ClientId = "bootstrap-admin";
    private const string Secret = "bootstrap-admin-secret-0123456789";

    [Fact]
    public async Task The_bootstrap_client_gets_a_token_for_the_admin_api_that_our_validation_accepts()
    {
        var tokens = await new OidcClient(factory, ClientId, "https://unused.test") { ClientSecret = Secret }.ClientCredentialsAsync(scope: ServerApi.AdminScope);

        Assert.Equal(200, tokens.Status);
        var token = new JsonWebToken(tokens["access_token"]);
        Assert.Equal([ServerApi.Audience], token.Audiences);
        Assert.Equal(ServerApi.AdminScope, token.GetClaim("scp").Value);
        var principal = await factory.WithScopeAsync(sp => sp.GetRequiredService<OpenIddictValidationService>().ValidateAccessTokenAsync(tokens["access_token"]!).AsTask());
        Assert.Contains(ServerApi.AdminScope, principal.GetScopes());
        Assert.Contains(ServerApi.Audience, principal.GetAudiences());
    }

    [Fact]
    public async Task Another_confidential_client_cannot_get_an_admin_api_token()
    {
        var daemon = await factory.RegisterClientAsync(secret: "plain-daemon-secret-0123456789", allowClientCredentials: true);

        var tokens = await daemon.ClientCredentialsAsync(scope: ServerApi.AdminScope);

        Assert.Null(tokens["access_token"]);
        Assert.StartsWith("AADB2C90205:", tokens.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_accepts_the_issuers_the_flows_sign_with_and_follows_a_change_at_once()
    {
        // A flow of its own with B2C's tfp issuer: its token names {origin}/tfp/{tenant}/{policy}/v2.0/ as issuer.
        var flow = await factory.CreateFlowAsync(new UserFlow { Name = "admin_tfp_" + Guid.NewGuid().ToString("N")[..8], NormalizedName = "", IssuerFormat = IssuerFormat.PolicyIssuer });
        var client = new OidcClient(factory, ClientId, "https://unused.test") { ClientSecret = Secret };
        var tfpToken = (await client.ClientCredentialsAsync(scope: ServerApi.AdminScope, policy: flow.Name))["access_token"]!;
        Assert.Contains("/tfp/", new JsonWebToken(tfpToken).Issuer, StringComparison.Ordinal);
        var admin = new AdminApiClient(factory);
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, "user-flows", token: tfpToken)).Status);

        // No flow signs with that issuer any more: the very next call refuses the token it issued.
        await factory.UpdateFlowAsync(flow.Name, f => f.IssuerFormat = IssuerFormat.TenantIssuer);
        Assert.Equal(401, (await admin.SendAsync(HttpMethod.Get, "user-flows", token: tfpToken)).Status);

        // A token in the tenant form is still accepted.
        var tenantToken = (await client.ClientCredentialsAsync(scope: ServerApi.AdminScope, policy: flow.Name))["access_token"]!;
        Assert.DoesNotContain("/tfp/", new JsonWebToken(tenantToken).Issuer, StringComparison.Ordinal);
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, "user-flows", token: tenantToken)).Status);
    }

    public sealed class Factory : IdPFactory<Sqlite>
    {
        public Factory()
        {
            With("IdP:Admin:ClientId", ClientId);
            With("IdP:Admin:ClientSecret", Secret);
        }
    }
}
