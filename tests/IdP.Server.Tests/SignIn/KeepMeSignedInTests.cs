using IdP.Server.SignIn;
using IdP.Server.Tests.UserFlows;
using Microsoft.Net.Http.Headers;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// B2C's "Keep me signed in" (KMSI): on a flow with the property on, the sign-in page shows B2C's checkbox; ticked, the
/// SSO cookie is persistent for the flow's days and the session signs the user in for that long, past the web app
/// session lifetime; unticked (or on a flow without KMSI) everything is as before. Whatever ends a session ends a kept one.
/// </summary>
public abstract class KeepMeSignedInTests(IdPFactory factory)
{
    [Fact]
    public async Task A_flow_without_KMSI_shows_no_box_and_a_posted_rememberMe_still_gets_a_browser_session_cookie()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize());

        Assert.Null(page.KeepMeSignedInBox);
        var cookie = await SessionCookieOfAsync(browser, page, user, keepMeSignedIn: true);

        Assert.Null(cookie.Expires);
        Assert.Null(cookie.MaxAge);
    }

    [Fact]
    public async Task A_flow_with_KMSI_shows_B2Cs_unticked_box_in_English_and_French()
    {
        var policy = await KmsiFlowAsync(days: 30);
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var english = await SignInPage.OpenAsync(browser, client.Authorize(policy));
        var french = await SignInPage.OpenAsync(browser, client.Authorize(policy) with { UiLocales = "fr" });

        var box = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlInputElement>(english.KeepMeSignedInBox);
        Assert.Equal(("checkbox", "rememberMe", false), (box.Type, box.Name, box.IsChecked));
        Assert.False(box.HasAttribute("value"));
        Assert.Equal("rememberMe", box.ParentElement!.ClassName);
        Assert.Same(english.Page.Document!.QuerySelector("form#localAccountForm"), box.Form);
        Assert.Equal("Keep me signed in", english.Page.Document.QuerySelector("div.rememberMe label[for=rememberMe]")?.TextContent.Trim());
        Assert.Equal("Rester connecté", french.Page.Document!.QuerySelector("div.rememberMe label[for=rememberMe]")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_custom_page_template_of_a_KMSI_flow_carries_the_box_inside_its_api_element()
    {
        var policy = "B2C_1_kmsicp" + Guid.NewGuid().ToString("N")[..6];
        await factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().CreateAsync(
            new UserFlowInput { Name = policy, Type = UserFlowType.SignIn, KeepMeSignedIn = true, CustomPageContent = CustomPageTests.Template("Contoso custom page") }, "test", CancellationToken.None)));
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var page = await SignInPage.OpenAsync(browser, client.Authorize(policy));

        Assert.Contains("Contoso custom page", page.Page.Body, StringComparison.Ordinal);
        Assert.NotNull(page.Page.Document!.QuerySelector("#api div.rememberMe input#rememberMe[type=checkbox][name=rememberMe]"));
    }

    [Fact]
    public async Task Ticked_the_cookie_expires_after_the_flows_days_and_the_server_side_session_ends_then_too()
    {
        var policy = await KmsiFlowAsync(days: 3);
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize(policy));

        var cookie = await SessionCookieOfAsync(browser, page, user, keepMeSignedIn: true);

        var end = factory.Clock.GetUtcNow() + TimeSpan.FromDays(3);
        var expires = Assert.NotNull(cookie.Expires);
        Assert.InRange(expires, end - TimeSpan.FromMinutes(1), end + TimeSpan.FromMinutes(1));
        var session = Assert.Single(await SessionsAsync(user.Account.Id));
        Assert.InRange(session.ExpiresAt, end - TimeSpan.FromMinutes(1), end + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Ticked_on_a_rolling_flow_the_session_signs_in_without_a_password_long_after_the_web_app_lifetime_while_used()
    {
        var (browser, client, policy) = await SignedInAsync(SessionTimeout.Rolling, days: 2, keepMeSignedIn: true);
        using var _ = browser;

        // The web app session is 15 minutes; each use within two days keeps the session two more days.
        Assert.NotNull((await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(20))).ToApp()["code"]);
        Assert.NotNull((await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(47))).ToApp()["code"]);
        Assert.NotNull((await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(47))).ToApp()["code"]);
        Assert.True(browser.SsoCookie!.Expires > factory.Clock.GetUtcNow().UtcDateTime.AddHours(47), "The cookie's end rolled forward.");

        SignInPage.On(browser, await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(49)));
    }

    [Fact]
    public async Task Ticked_on_an_absolute_flow_the_session_ends_the_flows_days_after_sign_in_however_often_used()
    {
        var (browser, client, policy) = await SignedInAsync(SessionTimeout.Absolute, days: 1, keepMeSignedIn: true);
        using var _ = browser;

        Assert.NotNull((await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(12))).ToApp()["code"]);
        Assert.NotNull((await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(11))).ToApp()["code"]);

        SignInPage.On(browser, await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task Unticked_on_a_KMSI_flow_the_cookie_is_a_browser_session_cookie_and_the_web_app_lifetime_applies()
    {
        var (browser, client, policy) = await SignedInAsync(SessionTimeout.Rolling, days: 2, keepMeSignedIn: false);
        using var _ = browser;

        Assert.Equal(DateTime.MinValue, browser.SsoCookie!.Expires);
        Assert.NotNull((await ReturnAfterAsync(browser, client, policy, TimeSpan.FromMinutes(10))).ToApp()["code"]);
        SignInPage.On(browser, await ReturnAfterAsync(browser, client, policy, TimeSpan.FromMinutes(16)));
    }

    [Theory]
    [InlineData("sign-out")]
    [InlineData("revoked")]
    [InlineData("disabled")]
    [InlineData("security stamp")]
    public async Task Whatever_ends_a_session_ends_a_kept_one(string ending)
    {
        // Absolute, so no use of the session moves its end (a rolling one's move checks the row too).
        var user = await factory.CreateUserAsync();
        var policy = await KmsiFlowAsync(days: 30, SessionTimeout.Absolute);
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize(policy));
        Assert.NotNull((await page.SignInAsync(user.Email, user.Password, keepMeSignedIn: true)).ToApp()["code"]);
        var kept = browser.SsoCookie!.Value;

        switch (ending)
        {
            case "sign-out":
                // Sign-out removes the cookie; a copy of it taken before signs nobody in.
                await browser.NavigateAsync(OidcClient.LogoutUrl(policy: policy));
                browser.Cookies.Add(new Uri(IdPFactory.Origin), new Cookie(SsoSession.CookieName, kept));
                break;
            case "revoked":
                await factory.WithScopeAsync(sp => sp.GetRequiredService<SignInSessions>().EndAllAsync(user.Account.Id, CancellationToken.None));
                break;
            case "disabled":
                await factory.WithDbAsync(db => db.Users.Where(a => a.Id == user.Account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Enabled, false)));
                break;
            default:
                await factory.WithDbAsync(db => db.Users.Where(a => a.Id == user.Account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.SecurityStamp, Guid.NewGuid().ToString("N"))));
                break;
        }

        SignInPage.On(browser, await ReturnAfterAsync(browser, client, policy, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task The_sign_in_audit_line_says_whether_the_user_chose_to_be_kept_signed_in()
    {
        var policy = await KmsiFlowAsync(days: 7);
        var client = await factory.RegisterClientAsync();
        var kept = await factory.CreateUserAsync();
        var notKept = await factory.CreateUserAsync();
        var elsewhere = await factory.CreateUserAsync();

        foreach (var (user, flow, keep) in new[] { (kept, policy, true), (notKept, policy, false), (elsewhere, IdPFactory.SignInPolicy, true) })
        {
            using var browser = factory.CreateBrowser();
            var page = await SignInPage.OpenAsync(browser, client.Authorize(flow));
            Assert.NotNull((await page.SignInAsync(user.Email, user.Password, keep)).ToApp()["code"]);
        }

        Assert.Equal("keep me signed in: yes (7 days)", await SignInAuditDetailsAsync(kept));
        Assert.Equal("keep me signed in: no", await SignInAuditDetailsAsync(notKept));
        Assert.Null(await SignInAuditDetailsAsync(elsewhere));
    }

    /// <summary>A sign-in flow with KMSI on for <paramref name="days"/> and a 15-minute web app session of the given kind.</summary>
    private async Task<string> KmsiFlowAsync(int days, SessionTimeout timeout = SessionTimeout.Rolling)
    {
        var policy = "B2C_1_kmsi" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow
        {
            Name = policy,
            NormalizedName = "",
            SessionLifetimeMinutes = 15,
            SessionTimeout = timeout,
            KeepMeSignedIn = true,
            KeepMeSignedInDays = days,
        });
        return policy;
    }

    /// <summary>A new user signed in on a new KMSI flow, with the box ticked or not.</summary>
    private async Task<(Browser Browser, OidcClient Client, string Policy)> SignedInAsync(SessionTimeout timeout, int days, bool keepMeSignedIn)
    {
        var policy = await KmsiFlowAsync(days, timeout);
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize(policy));
        Assert.NotNull((await page.SignInAsync(user.Email, user.Password, keepMeSignedIn)).ToApp()["code"]);
        return (browser, client, policy);
    }

    /// <summary>The app asks for a sign-in again after <paramref name="idle"/>: where the browser ends.</summary>
    private Task<Navigation> ReturnAfterAsync(Browser browser, OidcClient client, string policy, TimeSpan idle)
    {
        factory.Clock.Advance(idle);
        return browser.NavigateAsync(client.Authorize(policy).Url);
    }

    /// <summary>The SSO cookie set by the answer to the sign-in form.</summary>
    private static async Task<SetCookieHeaderValue> SessionCookieOfAsync(Browser browser, SignInPage page, TestUser user, bool keepMeSignedIn)
    {
        using var answer = await browser.Client.SendAsync(page.SignInSubmission(user.Email, user.Password, keepMeSignedIn));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var cookies = SetCookieHeaderValue.ParseList(answer.Headers.GetValues(HeaderNames.SetCookie).ToList());
        return Assert.Single(cookies, c => c.Name.Equals(SsoSession.CookieName, StringComparison.Ordinal));
    }


    private Task<List<SignInSession>> SessionsAsync(Guid accountId) =>
        factory.WithDbAsync(db => db.SignInSessions.AsNoTracking().Where(s => s.AccountId == accountId).ToListAsync());

    private Task<string?> SignInAuditDetailsAsync(TestUser user) =>
        factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == user.Account.Id && e.Type == AuditEventTypes.SignInSucceeded).Select(e => e.Details).SingleAsync());
}

public sealed class KeepMeSignedInTestsOnSqlite(IdPFactory<Sqlite> factory) : KeepMeSignedInTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class KeepMeSignedInTestsOnPostgres(IdPFactory<Postgres> factory) : KeepMeSignedInTests(factory), IClassFixture<IdPFactory<Postgres>>;
