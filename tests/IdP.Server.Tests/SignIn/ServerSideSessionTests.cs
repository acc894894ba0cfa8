namespace IdP.Server.Tests.SignIn;

/// <summary>
/// Sign-in sessions live on the server: sign-out ends them for every copy of the cookie, an account's sessions can be
/// listed and revoked one by one, and a rolling session ends at its absolute cap however often it is used.
/// </summary>
public abstract class ServerSideSessionTests(IdPFactory factory)
{
    private const string SessionCookie = "idp.session";

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_no_longer_signs_anyone_in()
    {
        var (browser, client, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        var copied = browser.SsoCookie!.Value;

        await browser.NavigateAsync(OidcClient.LogoutUrl());

        using var thief = factory.CreateBrowser();
        thief.Cookies.Add(new Uri(IdPFactory.Origin), new Cookie(SessionCookie, copied));
        SignInPage.On(thief, await thief.NavigateAsync(client.Authorize().Url));
    }

    [Fact]
    public async Task A_session_cookie_copied_before_the_browser_signed_in_again_no_longer_signs_anyone_in()
    {
        var (browser, client, user, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        var copied = browser.SsoCookie!.Value;

        // prompt=login asks for the password again: the browser's new session replaces the old one on the server too.
        Assert.NotNull((await browser.SignInThroughFormAsync(client.Authorize() with { Prompt = "login" }, user)).ToApp()["code"]);

        using var thief = factory.CreateBrowser();
        thief.Cookies.Add(new Uri(IdPFactory.Origin), new Cookie(SessionCookie, copied));
        SignInPage.On(thief, await thief.NavigateAsync(client.Authorize().Url));
        Assert.NotNull((await browser.NavigateAsync(client.Authorize().Url)).ExternalRedirect);
        Assert.Single(await WithSessionsAsync(s => s.ListAsync(user.Account.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task An_accounts_sessions_are_listed_and_one_can_be_revoked_without_the_others()
    {
        var (first, client, user, _) = await factory.SignInNewUserAsync();
        using var _f = first;
        using var second = factory.CreateBrowser();
        await second.SignInAndRedeemAsync(client, user);

        var sessions = await WithSessionsAsync(s => s.ListAsync(user.Account.Id, CancellationToken.None));
        Assert.Equal(2, sessions.Count);
        await WithSessionsAsync(s => s.EndAsync(sessions[0].Id, CancellationToken.None));

        // One browser signs in silently still, the other is asked for its credentials: which is which depends on the order.
        var answers = new[] { await first.NavigateAsync(client.Authorize().Url), await second.NavigateAsync(client.Authorize().Url) };
        Assert.Single(answers, a => a.ExternalRedirect is not null);
        Assert.Single(answers, a => a.ExternalRedirect is null);
        Assert.Single(await WithSessionsAsync(s => s.ListAsync(user.Account.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task A_rolling_session_used_every_hour_still_ends_at_its_absolute_cap()
    {
        var (browser, client, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;

        // The flow's rolling 24-hour session is renewed by each use; the seven-day cap is not.
        for (var hours = 0; hours < 7 * 24 - 12; hours += 12)
        {
            factory.Clock.Advance(TimeSpan.FromHours(12));
            Assert.NotNull((await browser.NavigateAsync(client.Authorize().Url)).ExternalRedirect);
        }

        factory.Clock.Advance(TimeSpan.FromHours(13));
        SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url));
    }

    private Task<T> WithSessionsAsync<T>(Func<SignInSessions, Task<T>> action) =>
        factory.WithScopeAsync(sp => action(sp.GetRequiredService<SignInSessions>()));
}

public sealed class ServerSideSessionTestsOnSqlite(IdPFactory<Sqlite> factory) : ServerSideSessionTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ServerSideSessionTestsOnPostgres(IdPFactory<Postgres> factory) : ServerSideSessionTests(factory), IClassFixture<IdPFactory<Postgres>>;
