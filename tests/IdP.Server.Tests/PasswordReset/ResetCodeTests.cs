using System.Net;
using IdP.Core.Applications;
using IdP.Core.Contract;
using IdP.Core.PasswordReset;
using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// Verification code rules through the step 1 form: wrong, expired, exhausted, replaced and reused codes, the resend
/// cooldown and its back-off after dead codes, the hourly and daily limits per address, with every counter held in the
/// database (shared by several nodes).
/// </summary>
public abstract class ResetCodeTests(IResetServer server) : IAsyncLifetime
{
    private const string RedirectUri = "https://app.test/callback";
    private const string Wrong = "That code is incorrect. Please try again.";
    private const string Expired = "That code is expired. Please request a new code.";
    private const string NoRetry = "You've made too many incorrect attempts. Please try again later.";
    private const string Throttled = "There have been too many requests to verify this email address. Please wait a while, then try again.";
    private const string CodeSent = "Verification code has been sent to your inbox. Please copy it to the input box below.";
    private readonly IdPFactory _factory = server.Factory;
    private readonly TestSmtpServer _smtp = server.Smtp;
    private readonly string _clientId = "app-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        await _factory.RegisterAppAsync(new AppRegistration(_clientId, "Test app") { RedirectUris = [RedirectUri] });
        await _factory.SetResetModeAsync(PasswordResetMode.All);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Wrong_code_shows_the_incorrect_message_and_the_right_one_still_works()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var sent = await SendAsync(browser, email);
        var code = await _smtp.WaitForCodeAsync(email);

        var wrong = ResetPasswordPage.On(browser, await sent.VerifyAsync(Other(code)));
        Assert.Equal(Wrong, wrong.Error);
        Assert.True(wrong.CanEnterCode);
        Assert.Null(wrong.Success);

        var verified = ResetPasswordPage.On(browser, await wrong.VerifyAsync(code));
        Assert.Equal("E-mail address verified. You can now continue.", verified.Success);
        var failed = Assert.Single(await AuditAsync(IdP.Core.Audit.AuditEventTypes.ResetCodeFailed));
        Assert.Equal("wrong", failed.Details);
        Assert.NotNull(failed.AccountId);
    }

    [Fact]
    public async Task Code_is_valid_for_ten_minutes_and_expired_after()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var sent = await SendAsync(browser, email);
        var code = await _smtp.WaitForCodeAsync(email);
        _factory.Clock.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal("E-mail address verified. You can now continue.", ResetPasswordPage.On(browser, await sent.VerifyAsync(code)).Success);

        var otherEmail = await AccountAsync();
        using var later = _factory.CreateBrowser();
        var second = await SendAsync(later, otherEmail);
        var secondCode = await _smtp.WaitForCodeAsync(otherEmail);
        _factory.Clock.Advance(TimeSpan.FromSeconds(601));
        var expired = ResetPasswordPage.On(later, await second.VerifyAsync(secondCode));
        Assert.Equal(Expired, expired.Error);
        Assert.True(expired.CanResend);
        Assert.False(expired.ContinueEnabled);
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_code_and_a_new_one_is_needed()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var page = await SendAsync(browser, email);
        var code = await _smtp.WaitForCodeAsync(email);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = ResetPasswordPage.On(browser, await page.VerifyAsync(Other(code)));
            Assert.Equal(Wrong, page.Error);
        }

        page = ResetPasswordPage.On(browser, await page.VerifyAsync(Other(code)));
        Assert.Equal(NoRetry, page.Error);
        page = ResetPasswordPage.On(browser, await page.VerifyAsync(code));
        Assert.Equal(NoRetry, page.Error);
        Assert.Null(page.Success);

        // A code that died of wrong entries makes the next one wait a minute, not the usual 30 seconds.
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(CodeSent, page.Info);
        var fresh = await _smtp.WaitForCodeAsync(email, count: 2);
        Assert.Equal("E-mail address verified. You can now continue.", ResetPasswordPage.On(browser, await page.VerifyAsync(fresh)).Success);
    }

    [Fact]
    public async Task Each_code_killed_by_wrong_entries_doubles_the_wait_for_the_next_one_whatever_the_journey()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var page = await SendAsync(browser, email);
        var code = await _smtp.WaitForCodeAsync(email);
        page = await KillCodeAsync(browser, page, code);

        _factory.Clock.Advance(TimeSpan.FromSeconds(61));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(CodeSent, page.Info);
        page = await KillCodeAsync(browser, page, await _smtp.WaitForCodeAsync(email, count: 2));

        // Two dead codes: two minutes, for this journey and for a new one alike.
        _factory.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);
        using var other = _factory.CreateBrowser();
        var fresh = await other.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        Assert.Equal(Throttled, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Error);
        _factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CodeSent, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Info);
        await _smtp.WaitForCodeAsync(email, count: 3);
    }

    [Fact]
    public async Task At_most_twenty_codes_go_to_one_address_in_a_day_whatever_the_journey()
    {
        var email = await AccountAsync();
        var first = _factory.Clock.GetUtcNow();

        // Ten an hour (the hourly limit), in two journeys an hour apart (a journey lasts an hour).
        for (var hour = 0; hour < 2; hour++)
        {
            using var browser = _factory.CreateBrowser();
            var page = await SendAsync(browser, email);
            for (var sent = 2; sent <= 10; sent++)
            {
                _factory.Clock.Advance(TimeSpan.FromSeconds(31));
                page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
                Assert.Equal(CodeSent, page.Info);
            }

            // Delivered before the clock jumps: a code still queued when it expires is dropped, not sent late.
            await _smtp.WaitForMessageAsync(email, count: 10 * (hour + 1));
            _factory.Clock.Advance(TimeSpan.FromHours(1));
        }

        // Hours later the hourly limit has long passed, but the day's twenty are used up: refused, in any journey.
        _factory.Clock.Advance(TimeSpan.FromHours(3));
        using var other = _factory.CreateBrowser();
        var fresh = await other.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        Assert.Equal(Throttled, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Error);
        Assert.Equal(CodeSent, ResetPasswordPage.On(other, await fresh.SendCodeAsync("someone-else-" + email)).Info);

        // A day after the first code, one more may go.
        _factory.Clock.SetUtcNow(first + TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        using var dayLater = _factory.CreateBrowser();
        var again = await dayLater.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        Assert.Equal(Throttled, ResetPasswordPage.On(dayLater, await again.SendCodeAsync(email)).Error);
        _factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CodeSent, ResetPasswordPage.On(dayLater, await again.SendCodeAsync(email)).Info);
        await _smtp.WaitForMessageAsync(email, count: 21);
    }

    [Fact]
    public async Task A_new_code_replaces_the_old_one()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var page = await SendAsync(browser, email);
        var first = await _smtp.WaitForCodeAsync(email);
        var (second, count) = await NewDistinctCodeAsync(browser, page, email, first, received: 1);
        page = ResetPasswordPage.On(browser, await browser.NavigateAsync(page.Page.Url.PathAndQuery));

        var refused = ResetPasswordPage.On(browser, await page.VerifyAsync(first));
        Assert.Equal(Wrong, refused.Error);
        Assert.Equal("E-mail address verified. You can now continue.", ResetPasswordPage.On(browser, await refused.VerifyAsync(second)).Success);
        Assert.Equal(count, _smtp.To(email).Count);
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var sent = await SendAsync(browser, email);
        var code = await _smtp.WaitForCodeAsync(email);
        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.NotNull(verified.Success);

        // The same code posted again (a replayed form) is refused, and so is the code after the reset used it.
        var replayed = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.Equal(Expired, replayed.Error);
        Assert.NotNull((await NewPasswordPage.On(browser, await replayed.ContinueAsync()).SetPasswordAsync("Fresh-Garden-42")).ToApp()["code"]);

        using var again = _factory.CreateBrowser();
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var page = await SendAsync(again, email);
        await _smtp.WaitForCodeAsync(email, count: 3);
        if (TestSmtpServer.CodeIn(_smtp.To(email)[2]) == code)
        {
            // One chance in a million: the new code equals the used one. Ask for another so the check below means something.
            await NewDistinctCodeAsync(again, page, email, code, received: 3);
            page = ResetPasswordPage.On(again, await again.NavigateAsync(page.Page.Url.PathAndQuery));
        }

        Assert.Equal(Wrong, ResetPasswordPage.On(again, await page.VerifyAsync(code)).Error);
    }

    [Fact]
    public async Task Resending_within_thirty_seconds_is_refused()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var page = await SendAsync(browser, email);
        await _smtp.WaitForCodeAsync(email);

        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(Throttled, page.Error);
        _factory.Clock.Advance(TimeSpan.FromSeconds(29));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(Throttled, page.Error);

        Assert.Equal(2, (await AuditAsync(IdP.Core.Audit.AuditEventTypes.ResetThrottled)).Count);

        _factory.Clock.Advance(TimeSpan.FromSeconds(2));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Null(page.Error);
        Assert.Equal(CodeSent, page.Info);
        await _smtp.WaitForCodeAsync(email, count: 2);
    }

    [Fact]
    public async Task At_most_ten_codes_go_to_one_address_in_an_hour_whatever_the_journey()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        var page = await SendAsync(browser, email);
        for (var sent = 2; sent <= 10; sent++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(31));
            page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
            Assert.Equal(CodeSent, page.Info);
        }

        await _smtp.WaitForMessageAsync(email, count: 10);
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);

        // A new journey (another browser) for the same address is refused too; another address is not.
        using var other = _factory.CreateBrowser();
        var fresh = await other.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        Assert.Equal(Throttled, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Error);
        Assert.Equal(CodeSent, ResetPasswordPage.On(other, await fresh.SendCodeAsync("someone-else-" + email)).Info);

        // An hour after the first code, the address may receive codes again.
        _factory.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(31 * 10) - TimeSpan.FromSeconds(1));
        using var hourLater = _factory.CreateBrowser();
        var again = await hourLater.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        Assert.Equal(Throttled, ResetPasswordPage.On(hourLater, await again.SendCodeAsync(email)).Error);
        _factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CodeSent, ResetPasswordPage.On(hourLater, await again.SendCodeAsync(email)).Info);
        await _smtp.WaitForMessageAsync(email, count: 11);
    }

    [Fact]
    public async Task Per_address_send_rows_are_purged_once_a_day_has_passed()
    {
        var email = await AccountAsync();
        using var browser = _factory.CreateBrowser();
        await SendAsync(browser, email);
        var hash = IdP.Core.SignIn.ThrottleKey.ForAddress(IdP.Core.Accounts.SignInNameNormalizer.Normalize(email));
        Assert.True(await ThrottleRowsExistAsync(hash));

        // The hourly clean-up keeps them while the daily limit still counts them...
        for (var hour = 0; hour < 23; hour++)
        {
            _factory.Clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50);
        }

        Assert.True(await ThrottleRowsExistAsync(hash));

        // ...and removes them after.
        for (var step = 0; step < 40 && await ThrottleRowsExistAsync(hash); step++)
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(100);
        }

        Assert.False(await ThrottleRowsExistAsync(hash));
    }

    [Fact]
    public async Task Limits_hold_across_server_nodes_sharing_the_database()
    {
        var email = Unique();
        await _factory.CreateAccountAsync(email, "Old-Password-1");
        await using var secondNode = _factory.WithWebHostBuilder(_ => { });
        var jar = new CookieContainer();
        using var onFirst = new Browser(_factory.CreateDefaultClient(new Uri(IdPFactory.Origin), new CookieContainerHandler(jar)));
        using var onSecond = new Browser(secondNode.CreateDefaultClient(new Uri(IdPFactory.Origin), new CookieContainerHandler(jar)));

        var page = await onFirst.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        page = ResetPasswordPage.On(onFirst, await page.SendCodeAsync(email));
        var code = await _smtp.WaitForCodeAsync(email);

        var url = page.Page.Url.PathAndQuery;
        var there = ResetPasswordPage.On(onSecond, await onSecond.NavigateAsync(url));
        Assert.Equal(Throttled, ResetPasswordPage.On(onSecond, await there.SendNewCodeAsync()).Error);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var node = attempt % 2 == 0 ? onSecond : onFirst;
            var current = ResetPasswordPage.On(node, await node.NavigateAsync(url));
            var answer = ResetPasswordPage.On(node, await current.VerifyAsync(Other(code)));
            Assert.Equal(attempt < 5 ? Wrong : NoRetry, answer.Error);
        }

        var last = ResetPasswordPage.On(onFirst, await onFirst.NavigateAsync(url));
        Assert.Equal(NoRetry, ResetPasswordPage.On(onFirst, await last.VerifyAsync(code)).Error);
    }

    private Task<bool> ThrottleRowsExistAsync(string hash) =>
        _factory.WithDbAsync(async db =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.EmailSendThrottles, t => t.AddressHash == hash)
            || await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.EmailCodeSends, c => c.AddressHash == hash));

    /// <summary>Five wrong entries: the code dies.</summary>
    private async Task<ResetPasswordPage> KillCodeAsync(Browser browser, ResetPasswordPage page, string code)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            page = ResetPasswordPage.On(browser, await page.VerifyAsync(Other(code)));
        }

        Assert.Equal(NoRetry, page.Error);
        return page;
    }

    /// <summary>This test's audit events of one type (each test registers its own app).</summary>
    private Task<List<IdP.Core.Audit.AuditEvent>> AuditAsync(string type) =>
        _factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEvents.Where(e => e.ClientId == _clientId && e.Type == type)));

    private async Task<string> AccountAsync()
    {
        var email = Unique();
        await _factory.CreateAccountAsync(email, "Old-Password-1");
        return email;
    }

    private async Task<ResetPasswordPage> SendAsync(Browser browser, string email)
    {
        var step1 = await browser.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        Assert.Equal(CodeSent, sent.Info);
        return sent;
    }

    /// <summary>Asks for new codes (past the cooldown) until one differs from <paramref name="old"/>.</summary>
    private async Task<(string Code, int Received)> NewDistinctCodeAsync(Browser browser, ResetPasswordPage page, string email, string old, int received)
    {
        while (true)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(31));
            page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
            Assert.Equal(CodeSent, page.Info);
            var code = await _smtp.WaitForCodeAsync(email, ++received);
            if (code != old)
            {
                return (code, received);
            }
        }
    }

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    private static string Other(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static string Unique() => $"code-{Guid.NewGuid():N}@example.com";
}

public sealed class ResetCodeTestsOnSqlite(SqliteResetFactory server) : ResetCodeTests(server), IClassFixture<SqliteResetFactory>;

public sealed class ResetCodeTestsOnPostgres(PostgresResetFactory server) : ResetCodeTests(server), IClassFixture<PostgresResetFactory>;
