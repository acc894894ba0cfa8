using Microsoft.Identity.Client;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// A desktop app on MSAL.NET signs a user in through the IdP's real sign-in page and gets tokens for the tasks API,
/// caches and refreshes them, and signs out, exactly as it would against B2C. MSAL does not validate tokens, so the
/// tests check them against discovery and JWKS themselves.
/// </summary>
public sealed class MsalNetTests(ClientsIdPFactory idp) : IClassFixture<ClientsIdPFactory>
{
    private static readonly string[] TasksRead = [TasksApi.ReadScope];

    [Fact]
    public async Task Interactive_sign_in_returns_an_id_token_and_an_access_token_for_the_api_signed_by_the_idp()
    {
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user, TasksApi.ReadScope);
        var verifier = await TokenVerifier.ForAsync(idp);

        var result = await app.SignInAsync(TasksRead);

        Assert.Equal(1, app.WebUi.SignInPagesShown);
        var idToken = await verifier.VerifyAsync(result.IdToken, app.ClientId);
        Assert.Equal("RS256", idToken.Alg);
        Assert.Equal(user.Account.Id.ToString("D"), idToken.GetClaim("oid").Value);
        Assert.Equal(IdPFactory.SignInPolicy, idToken.GetClaim("tfp").Value);

        var accessToken = await verifier.VerifyAsync(result.AccessToken, idp.TasksApiClientId);
        Assert.Equal("RS256", accessToken.Alg);
        Assert.Equal("JWT", accessToken.Typ);
        Assert.Contains(TasksApi.ReadScopeName, accessToken.GetClaim("scp").Value.Split(' '));
        Assert.Equal(app.ClientId, accessToken.GetClaim("azp").Value);
        Assert.Equal(user.Account.Id.ToString("D"), accessToken.Subject);
        Assert.DoesNotContain(accessToken.Claims, c => c.Type.StartsWith("oi_", StringComparison.Ordinal));
        Assert.DoesNotContain(idToken.Claims, c => c.Type.StartsWith("oi_", StringComparison.Ordinal));

        // MSAL keys its cache by the scopes the server says it granted: they must come back as requested.
        Assert.Contains(TasksApi.ReadScope, result.Scopes);
        Assert.True(result.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5), $"Access token expires at {result.ExpiresOn}.");
    }

    [Fact]
    public async Task The_account_is_known_by_object_id_policy_and_tenant_and_found_by_its_user_flow()
    {
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user, TasksApi.ReadScope);
        var tenantId = await idp.TenantIdAsync();

        var result = await app.SignInAsync(TasksRead);
        var accounts = await app.Msal.GetAccountsAsync(IdPFactory.SignInPolicy);

        // Only client_info gives MSAL this identifier; without it the account is keyed by sub and the lookup by user
        // flow, which B2C apps use to pick the account, finds nothing.
        var expected = $"{user.Account.Id:D}-{IdPFactory.SignInPolicy.ToLowerInvariant()}.{tenantId:D}";
        Assert.Equal(expected, result.Account.HomeAccountId.Identifier);
        var account = Assert.Single(accounts);
        Assert.Equal(expected, account.HomeAccountId.Identifier);
    }

    [Fact]
    public async Task A_silent_call_is_served_from_the_cache_and_a_forced_refresh_gets_a_new_valid_access_token()
    {
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user, TasksApi.ReadScope);
        var verifier = await TokenVerifier.ForAsync(idp);
        var first = await app.SignInAsync(TasksRead);
        var account = Assert.Single(await app.Msal.GetAccountsAsync(IdPFactory.SignInPolicy));

        var cached = await app.Msal.AcquireTokenSilent(TasksRead, account).ExecuteAsync();
        var refreshed = await app.Msal.AcquireTokenSilent(TasksRead, account).WithForceRefresh(true).ExecuteAsync();

        Assert.Equal(TokenSource.Cache, cached.AuthenticationResultMetadata.TokenSource);
        Assert.Equal(first.AccessToken, cached.AccessToken);
        Assert.Equal(TokenSource.IdentityProvider, refreshed.AuthenticationResultMetadata.TokenSource);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        var token = await verifier.VerifyAsync(refreshed.AccessToken, idp.TasksApiClientId);
        Assert.Contains(TasksApi.ReadScopeName, token.GetClaim("scp").Value.Split(' '));
        Assert.Equal(first.Account.HomeAccountId.Identifier, refreshed.Account.HomeAccountId.Identifier);
        Assert.Equal(1, app.WebUi.SignInPagesShown);
    }

    [Fact]
    public async Task Signing_in_again_for_a_known_account_goes_through_on_the_idp_session()
    {
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user, TasksApi.ReadScope);
        var first = await app.SignInAsync(TasksRead);

        // WithAccount adds MSAL's hints (login_hint from the token's name, login_req, domain_req, x-anchormailbox).
        var again = await app.Interactive(TasksRead).WithAccount(first.Account).ExecuteAsync();

        Assert.Equal(1, app.WebUi.SignInPagesShown);
        Assert.Equal(first.Account.HomeAccountId.Identifier, again.Account.HomeAccountId.Identifier);
        Assert.NotEqual(first.AccessToken, again.AccessToken);
    }

    [Fact]
    public async Task Forcing_the_sign_in_page_shows_it_despite_the_session_with_the_hinted_name_filled_in()
    {
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user, TasksApi.ReadScope);
        await app.SignInAsync(TasksRead);

        var forced = await app.Interactive(TasksRead).WithPrompt(Prompt.ForceLogin).WithLoginHint(user.Email).ExecuteAsync();

        Assert.Equal(2, app.WebUi.SignInPagesShown);
        Assert.Equal(user.Email, app.WebUi.LastSignInPage?.ById(PageElementIds.SignInName)?.GetAttribute("value"));
        Assert.False(string.IsNullOrEmpty(forced.AccessToken));
    }

    [Fact]
    public async Task Signing_out_forgets_the_account_and_ends_the_idp_session_so_the_next_sign_in_asks_again()
    {
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user, TasksApi.ReadScope);
        var first = await app.SignInAsync(TasksRead);

        // While the IdP session lives, a second interactive sign-in goes straight through: this is what sign-out must end.
        await app.SignInAsync(TasksRead);
        Assert.Equal(1, app.WebUi.SignInPagesShown);

        // MSAL signs out locally only; the app then sends the browser to the flow's logout endpoint itself.
        await app.Msal.RemoveAsync(first.Account);
        var loggedOut = await app.Browser.NavigateAsync($"{idp.TfpAuthority}/oauth2/v2.0/logout?id_token_hint={Uri.EscapeDataString(first.IdToken)}");

        Assert.Empty(await app.Msal.GetAccountsAsync(IdPFactory.SignInPolicy));
        await Assert.ThrowsAsync<MsalUiRequiredException>(() => app.Msal.AcquireTokenSilent(TasksRead, first.Account).ExecuteAsync());
        Assert.Equal(HttpStatusCode.OK, loggedOut.Status);
        Assert.Contains("signed out", loggedOut.Body, StringComparison.OrdinalIgnoreCase);

        var again = await app.SignInAsync(TasksRead);
        Assert.Equal(2, app.WebUi.SignInPagesShown);
        Assert.Equal(first.Account.HomeAccountId.Identifier, again.Account.HomeAccountId.Identifier);
    }
}
