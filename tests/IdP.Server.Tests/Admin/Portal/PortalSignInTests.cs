using IdP.Server.Admin.Portal;
using Microsoft.AspNetCore.Identity;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// Signing in to the portal: through the server's own sign-in flow (the portal is an OpenID Connect client with PKCE),
/// only for accounts holding the administrator role, checked on every request.
/// </summary>
public abstract class PortalSignInTests(IdPFactory factory, CapturedLogs logs)
{
    private readonly IdPFactory _factory = factory;

    [Fact]
    public async Task Opening_the_portal_goes_to_the_sign_in_flow_as_a_code_request_with_PKCE_for_the_portals_client()
    {
        using var client = _factory.CreateHttpClient();

        using var response = await client.GetAsync("/admin/password-reset");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{IdPFactory.Origin}/{IdPFactory.TenantDomain}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(PortalApplication.ClientId, query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code_challenge"].ToString()));
        Assert.Equal($"{IdPFactory.Origin}/admin/signin-oidc", query["redirect_uri"].ToString());
    }

    [Fact]
    public async Task An_administrator_signs_in_through_the_flow_and_lands_on_the_page_they_asked_for()
    {
        var admin = await _factory.CreateAdministratorAsync();
        using var browser = _factory.CreateBrowser();

        var page = await browser.SignInToPortalAsync(admin, "/admin/password-reset");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/admin/password-reset", page.Url.AbsolutePath);
        Assert.Equal("Test User", page.Text("administrator"));
    }

    [Fact]
    public async Task An_account_without_the_role_gets_a_clear_403_page_and_the_refusal_is_logged()
    {
        var user = await _factory.CreateUserAsync();
        using var browser = _factory.CreateBrowser();

        var page = await browser.SignInToPortalAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("not an administrator", page.Text("errorMessage"), StringComparison.Ordinal);
        Assert.Null(page.ById("overview"));
        Assert.Contains(logs.Messages, m => m.Contains($"Account {user.Account.Id} signed in to the admin portal", StringComparison.Ordinal) && m.Contains("without the administrator role", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_administrator_is_refused_on_the_next_page()
    {
        var admin = await _factory.CreateAdministratorAsync();
        await _factory.CreateAdministratorAsync(); // Not the last one, so the role can be revoked.
        using var browser = _factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.SignInToPortalAsync(admin)).Status);

        await _factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().RevokeAsync(admin.Account.Id, "test", default));
        var page = await browser.NavigateAsync("/admin/password-reset");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/admin/access-denied", page.Url.AbsolutePath);
    }

    [Fact]
    public async Task A_disabled_administrator_is_refused_on_the_next_page_though_still_holding_the_role()
    {
        var admin = await _factory.CreateAdministratorAsync();
        using var browser = _factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.SignInToPortalAsync(admin)).Status);

        // Disabled directly, as another administrator's Block does, without touching the role.
        // The portal cookie no longer stands (PortalSessionCheck): the next page asks to sign in, which the account cannot.
        await _factory.DisableAccountAsync(admin.Account.Id);
        var page = await browser.NavigateAsync("/admin/users");

        Assert.Null(page.ById("users"));
        var refused = await SignInPage.On(browser, page).SignInAsync(admin.Email, admin.Password);
        Assert.Null(refused.ById("users"));
        Assert.NotNull(refused.ById(PageElementIds.SignInName));
    }

    [Fact]
    public async Task A_password_change_ends_the_portal_session_and_the_next_page_asks_to_sign_in_again()
    {
        var admin = await _factory.CreateAdministratorAsync();
        using var browser = _factory.CreateBrowser();
        Assert.NotNull((await browser.SignInToPortalAsync(admin, "/admin/users")).ById("users"));

        // As a reset or a change elsewhere does: the password and with it the security stamp.
        const string newPassword = "Another-Pass-2468";
        await _factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Account>>();
            var account = await users.FindByIdAsync(admin.Account.Id.ToString());
            Assert.True((await users.ChangePasswordAsync(account!, admin.Password, newPassword)).Succeeded);
        });
        var page = await browser.NavigateAsync("/admin/users");

        Assert.Null(page.ById("users"));
        var signIn = SignInPage.On(browser, page);
        Assert.Equal(HttpStatusCode.OK, (await signIn.SignInAsync(admin.Email, newPassword)).Status);
        Assert.NotNull((await browser.NavigateAsync("/admin/users")).ById("users"));
    }

    [Fact]
    public async Task Portal_pages_are_never_stored_by_the_browser_or_a_proxy()
    {
        var admin = await _factory.CreateAdministratorAsync();
        using var browser = _factory.CreateBrowser();
        Assert.NotNull((await browser.SignInToPortalAsync(admin, "/admin/users")).ById("users"));

        // They show users, contact addresses and secret hints; a shared cache or the back button after sign-out must not.
        using var response = await browser.Client.GetAsync(new Uri("/admin/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_forged_callback_is_refused_with_an_error_page_not_a_500()
    {
        using var browser = _factory.CreateBrowser();

        var page = await browser.NavigateAsync("/admin/signin-oidc?code=abc&state=forged");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Sign-in to the admin portal failed", page.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/signout-callback-oidc")]
    [InlineData("/admin/signout-callback-oidc?state=forged")]
    [InlineData("/admin/signout-oidc")]
    [InlineData("/admin/signout-oidc?sid=forged")]
    public async Task A_sign_out_message_the_portal_did_not_ask_for_gets_a_clear_400_page_not_an_empty_200(string path)
    {
        using var browser = _factory.CreateBrowser();

        var page = await browser.NavigateAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("not one the admin portal asked for", page.Text("errorMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_front_channel_sign_out_naming_the_flows_issuer_does_not_end_the_portal_session()
    {
        // The server sends no front-channel sign-outs, so a GET another site can trigger must not end the session.
        var (browser, _) = await _factory.PortalBrowserAsync();
        using var _b = browser;
        var issuer = $"{IdPFactory.Origin}/{await _factory.TenantIdAsync():D}/v2.0/";

        var refused = await browser.NavigateAsync($"/admin/signout-oidc?iss={Uri.EscapeDataString(issuer)}");
        var home = await browser.NavigateAsync("/admin");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(home.ById("overview"));
    }

    [Fact]
    public async Task An_administrator_opening_the_access_denied_page_is_sent_to_the_portal()
    {
        var (browser, _) = await _factory.PortalBrowserAsync();
        using var _b = browser;

        var page = await browser.NavigateAsync("/admin/access-denied");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/admin", page.Url.AbsolutePath);
        Assert.NotNull(page.ById("overview"));
    }

    [Fact]
    public async Task The_access_denied_page_opened_without_signing_in_says_so_with_403()
    {
        using var browser = _factory.CreateBrowser();

        var page = await browser.NavigateAsync("/admin/access-denied");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Null(page.ById("sign-out-denied"));
    }

    [Fact]
    public async Task Signing_out_ends_the_portal_session_and_the_SSO_session()
    {
        var (browser, _) = await _factory.PortalBrowserAsync();
        using var _b = browser;
        var home = await browser.NavigateAsync("/admin");

        var signedOut = await browser.ClickAsync(home, "sign-out");

        Assert.Equal(HttpStatusCode.OK, signedOut.Status);
        Assert.Contains("/oauth2/v2.0/logout", signedOut.Url.AbsolutePath, StringComparison.Ordinal);
        SignInPage.On(browser, await browser.NavigateAsync("/admin"));
    }

    [Fact]
    public async Task The_portals_client_cannot_send_its_code_to_another_host()
    {
        using var client = _factory.CreateHttpClient();
        using var start = await client.GetAsync("/admin");
        var evil = QueryHelpers.AddQueryString(start.Headers.Location!.GetLeftPart(UriPartial.Path), new Dictionary<string, string?>
        {
            ["client_id"] = PortalApplication.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = "https://evil.test/admin/signin-oidc",
            ["scope"] = "openid",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ["code_challenge_method"] = "S256",
        });

        using var response = await client.GetAsync(evil);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AADB2C90006", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(PortalOnSqlite.Name)]
public sealed class PortalSignInTestsOnSqlite(PortalFactory<Sqlite> factory) : PortalSignInTests(factory, factory.Logs);

[Collection(PortalOnPostgres.Name)]
public sealed class PortalSignInTestsOnPostgres(PortalFactory<Postgres> factory) : PortalSignInTests(factory, factory.Logs);
