namespace IdP.Server.Tests.Protocol;

/// <summary>
/// The server's own APIs validate its B2C-shaped access tokens with OpenIddict validation, token-entry and
/// authorization-entry checks on (advisory GHSA-cxgj-hwwh-855g): a revoked token is refused even though its JWT is
/// still signed and unexpired, and an ID token is never taken for an access token.
/// </summary>
public abstract class OwnApiTokenValidationTests(IdPFactory factory)
{
    [Fact]
    public async Task An_access_token_validates_until_its_grant_is_revoked()
    {
        var api = await factory.RegisterApiAsync();
        var client = await factory.RegisterApiClientAsync([api.Scope("tasks.read")]);
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user, client.Authorize(scope: $"openid offline_access {api.Scope("tasks.read")}"));

        var principal = await factory.ValidateAccessTokenAsync(tokens["access_token"]!);
        Assert.Equal(user.Account.Id.ToString("D"), principal.GetClaim(OpenIddictConstants.Claims.Subject));
        Assert.Contains("tasks.read", principal.GetScopes());
        Assert.Contains(client.ClientId, principal.GetPresenters());

        await factory.WithScopeAsync(sp => sp.GetRequiredService<IOpenIddictAuthorizationManager>().RevokeBySubjectAsync(user.Account.Id.ToString("D")).AsTask());

        await factory.AssertAccessTokenRefusedAsync(tokens["access_token"]!);
    }

    [Fact]
    public async Task An_id_token_is_not_accepted_as_an_access_token()
    {
        var client = await factory.RegisterClientAsync();
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);

        var refused = await factory.AssertAccessTokenRefusedAsync(tokens["id_token"]!);
        Assert.Equal("The token is not an access token.", refused.ErrorDescription);
    }
}

public sealed class OwnApiTokenValidationTestsOnSqlite(IdPFactory<Sqlite> factory) : OwnApiTokenValidationTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class OwnApiTokenValidationTestsOnPostgres(IdPFactory<Postgres> factory) : OwnApiTokenValidationTests(factory), IClassFixture<IdPFactory<Postgres>>;
