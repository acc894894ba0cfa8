using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// Verification code rules through the step 1 form: wrong, expired, exhausted, replaced and reused codes, the resend
/// cooldown and its back-off after dead codes, the hourly and daily limits per address, with every counter held in the
/// database (shared by several nodes).
/// </summary>
public abstract class ResetCodeTests(IResetServer server) : ResetSuite(server.Factory, "code")
{
    private const string Wrong = "That code is incorrect. Please try again.";
    private const string Expired = "That code is expired. Please request a new code.";
    private const string NoRetry = "You've made too many incorrect attempts. Please try again later.";
    private const string Throttled = "There have been too many requests to verify this email address. Please wait a while, then try again.";

    [Fact]
    public async Task Wrong_code_shows_the_incorrect_message_and_the_right_one_still_works()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, _, sent, code) = reset;

        var wrong = ResetPasswordPage.On(browser, await sent.VerifyAsync(Other(code)));
        Assert.Equal(Wrong, wrong.Error);
        Assert.True(wrong.CanEnterCode);
        Assert.Null(wrong.Success);

        var verified = ResetPasswordPage.On(browser, await wrong.VerifyAsync(code));
        Assert.Equal(Verified, verified.Success);
        var failed = Assert.Single(await AuditAsync(IdP.Core.Audit.AuditEventTypes.ResetCodeFailed));
        Assert.Equal("wrong", failed.Details);
        Assert.NotNull(failed.AccountId);
    }

    [Fact]
    public async Task Code_is_valid_for_ten_minutes_and_expired_after()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, _, sent, code) = reset;
        Factory.Clock.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(Verified, ResetPasswordPage.On(browser, await sent.VerifyAsync(code)).Success);

        using var laterReset = await CodeSentToANewAccountAsync();
        var (later, _, second, secondCode) = laterReset;
        Factory.Clock.Advance(TimeSpan.FromSeconds(601));
        var expired = ResetPasswordPage.On(later, await second.VerifyAsync(secondCode));
        Assert.Equal(Expired, expired.Error);
        Assert.True(expired.CanResend);
        Assert.False(expired.ContinueEnabled);
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_code_and_a_new_one_is_needed()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, page, code) = reset;
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
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(CodeSent, page.Info);
        var fresh = await server.Smtp.WaitForCodeAsync(email, count: 2);
        Assert.Equal(Verified, ResetPasswordPage.On(browser, await page.VerifyAsync(fresh)).Success);
    }

    [Fact]
    public async Task Once_guesses_in_flight_have_taken_all_five_entries_even_the_right_code_is_refused()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, page, code) = reset;

        // Five wrong guesses sent at once (tabs, nodes) have each taken an entry; none has marked the code dead yet.
        await Factory.WithDbAsync(db => db.EmailVerifications.Where(v => v.Address == email)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.FailedAttempts, 5)));

        var refused = ResetPasswordPage.On(browser, await page.VerifyAsync(code));
        Assert.Equal(NoRetry, refused.Error);
        Assert.Null(refused.Success);
    }

    [Fact]
    public async Task Each_code_killed_by_wrong_entries_doubles_the_wait_for_the_next_one_whatever_the_journey()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, page, code) = reset;
        page = await KillCodeAsync(browser, page, code);

        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(CodeSent, page.Info);
        page = await KillCodeAsync(browser, page, await server.Smtp.WaitForCodeAsync(email, count: 2));

        // Two dead codes: two minutes, for this journey and for a new one alike.
        Factory.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);
        await ANewJourneyIsRefusedThenServedTwoSecondsLaterAsync(email);
        await server.Smtp.WaitForCodeAsync(email, count: 3);
    }

    [Fact]
    public async Task Wrong_entries_of_codes_replaced_by_new_ones_count_toward_the_back_off()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, page, code) = reset;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = ResetPasswordPage.On(browser, await page.VerifyAsync(Other(code)));
        }

        // One entry short of killing the code, a new one replaces it: its wrong entries still count.
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(CodeSent, page.Info);
        var second = await server.Smtp.WaitForCodeAsync(email, count: 2);
        page = ResetPasswordPage.On(browser, await page.VerifyAsync(Other(second)));
        Assert.Equal(Wrong, page.Error);

        // Five wrong entries over two codes weigh as one dead code: a minute's wait, not the 30-second cooldown.
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CodeSent, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Info);
    }

    [Fact]
    public async Task At_most_twenty_codes_go_to_one_address_in_a_day_whatever_the_journey()
    {
        var email = await AccountAsync();
        var first = Factory.Clock.GetUtcNow();

        // Ten an hour (the hourly limit), in two journeys an hour apart (a journey lasts an hour).
        for (var hour = 0; hour < 2; hour++)
        {
            using var browser = Factory.CreateBrowser();
            await SendTenCodesAsync(browser, email);

            // Delivered before the clock jumps: a code still queued when it expires is dropped, not sent late.
            await server.Smtp.WaitForMessageAsync(email, count: 10 * (hour + 1));
            Factory.Clock.Advance(TimeSpan.FromHours(1));
        }

        // Hours later the hourly limit has long passed, but the day's twenty are used up: refused, in any journey.
        Factory.Clock.Advance(TimeSpan.FromHours(3));
        await ANewJourneyIsRefusedForTheAddressButNotForAnotherAsync(email);

        // A day after the first code, one more may go.
        Factory.Clock.SetUtcNow(first + TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        await ANewJourneyIsRefusedThenServedTwoSecondsLaterAsync(email);
        await server.Smtp.WaitForMessageAsync(email, count: 21);
    }

    [Fact]
    public async Task A_new_code_replaces_the_old_one()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, page, first) = reset;
        var (second, count) = await NewDistinctCodeAsync(browser, page, email, first, received: 1);
        page = ResetPasswordPage.On(browser, await browser.NavigateAsync(page.Page.Url.PathAndQuery));

        var refused = ResetPasswordPage.On(browser, await page.VerifyAsync(first));
        Assert.Equal(Wrong, refused.Error);
        Assert.Equal(Verified, ResetPasswordPage.On(browser, await refused.VerifyAsync(second)).Success);
        Assert.Equal(count, server.Smtp.To(email).Count);
    }

    [Fact]
    public async Task A_code_works_once()
    {
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, sent, code) = reset;
        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.NotNull(verified.Success);

        // The same code posted again (a replayed form) is refused, and so is the code after the reset used it.
        var replayed = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.Equal(Expired, replayed.Error);
        Assert.NotNull((await replayed.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);

        using var again = Factory.CreateBrowser();
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var page = await SendAsync(again, email);
        await server.Smtp.WaitForCodeAsync(email, count: 3);
        if (TestSmtpServer.CodeIn(server.Smtp.To(email)[2]) == code)
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
        using var reset = await CodeSentToANewAccountAsync();
        var (browser, email, page, _) = reset;

        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(Throttled, page.Error);
        Factory.Clock.Advance(TimeSpan.FromSeconds(29));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Equal(Throttled, page.Error);

        Assert.Equal(2, (await AuditAsync(IdP.Core.Audit.AuditEventTypes.ResetThrottled)).Count);

        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
        Assert.Null(page.Error);
        Assert.Equal(CodeSent, page.Info);
        await server.Smtp.WaitForCodeAsync(email, count: 2);
    }

    [Fact]
    public async Task At_most_ten_codes_go_to_one_address_in_an_hour_whatever_the_journey()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var page = await SendTenCodesAsync(browser, email);
        await server.Smtp.WaitForMessageAsync(email, count: 10);
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Throttled, ResetPasswordPage.On(browser, await page.SendNewCodeAsync()).Error);

        // A new journey (another browser) for the same address is refused too; another address is not.
        await ANewJourneyIsRefusedForTheAddressButNotForAnotherAsync(email);

        // An hour after the first code, the address may receive codes again.
        Factory.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(31 * 10) - TimeSpan.FromSeconds(1));
        await ANewJourneyIsRefusedThenServedTwoSecondsLaterAsync(email);
        await server.Smtp.WaitForMessageAsync(email, count: 11);
    }

    [Fact]
    public async Task Per_address_send_rows_are_purged_once_a_day_has_passed()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        await SendAsync(browser, email);
        var hash = IdP.Core.SignIn.ThrottleKey.ForAddress(IdP.Core.Accounts.SignInNameNormalizer.Normalize(email));
        Assert.True(await ThrottleRowsExistAsync(hash));

        // The hourly clean-up keeps them while the daily limit still counts them...
        for (var hour = 0; hour < 23; hour++)
        {
            Factory.Clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50);
        }

        Assert.True(await ThrottleRowsExistAsync(hash));

        // ...and removes them after.
        for (var step = 0; step < 40 && await ThrottleRowsExistAsync(hash); step++)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(100);
        }

        Assert.False(await ThrottleRowsExistAsync(hash));
    }

    [Fact]
    public async Task Limits_hold_across_server_nodes_sharing_the_database()
    {
        var email = await AccountAsync();
        await using var secondNode = Factory.WithWebHostBuilder(_ => { });
        var jar = new CookieContainer();
        using var onFirst = new Browser(Factory.CreateDefaultClient(new Uri(IdPFactory.Origin), new CookieContainerHandler(jar)));
        using var onSecond = new Browser(secondNode.CreateDefaultClient(new Uri(IdPFactory.Origin), new CookieContainerHandler(jar)));

        var page = await OpenResetAsync(onFirst);
        page = ResetPasswordPage.On(onFirst, await page.SendCodeAsync(email));
        var code = await server.Smtp.WaitForCodeAsync(email);

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
        Factory.WithDbAsync(async db =>
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
        Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEvents.Where(e => e.ClientId == ClientId && e.Type == type)));

    /// <summary>A new account's reset in a browser of its own, up to its code sent and received.</summary>
    private async Task<CodeInHand> CodeSentToANewAccountAsync()
    {
        var email = await AccountAsync();
        var browser = Factory.CreateBrowser();
        var sent = await SendAsync(browser, email);
        return new CodeInHand(browser, email, sent, await server.Smtp.WaitForCodeAsync(email));
    }

    /// <summary>Step 1 to "code sent" for <paramref name="email"/>.</summary>
    private async Task<ResetPasswordPage> SendAsync(Browser browser, string email)
    {
        var sent = await SendCodeAsync(browser, email);
        Assert.Equal(CodeSent, sent.Info);
        return sent;
    }

    /// <summary>Ten codes to <paramref name="email"/> in one journey (the first and nine more, each past the cooldown): an hour's worth.</summary>
    private async Task<ResetPasswordPage> SendTenCodesAsync(Browser browser, string email)
    {
        var page = await SendAsync(browser, email);
        for (var sent = 2; sent <= 10; sent++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(31));
            page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
            Assert.Equal(CodeSent, page.Info);
        }

        return page;
    }

    /// <summary>In a new journey (another browser), <paramref name="email"/> is refused a code while another address gets one.</summary>
    private async Task ANewJourneyIsRefusedForTheAddressButNotForAnotherAsync(string email)
    {
        using var other = Factory.CreateBrowser();
        var fresh = await OpenResetAsync(other);
        Assert.Equal(Throttled, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Error);
        Assert.Equal(CodeSent, ResetPasswordPage.On(other, await fresh.SendCodeAsync("someone-else-" + email)).Info);
    }

    /// <summary>In a new journey, <paramref name="email"/> is refused a code now and sent one two seconds later.</summary>
    private async Task ANewJourneyIsRefusedThenServedTwoSecondsLaterAsync(string email)
    {
        using var other = Factory.CreateBrowser();
        var fresh = await OpenResetAsync(other);
        Assert.Equal(Throttled, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Error);
        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CodeSent, ResetPasswordPage.On(other, await fresh.SendCodeAsync(email)).Info);
    }

    /// <summary>Asks for new codes (past the cooldown) until one differs from <paramref name="old"/>.</summary>
    private async Task<(string Code, int Received)> NewDistinctCodeAsync(Browser browser, ResetPasswordPage page, string email, string old, int received)
    {
        while (true)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(31));
            page = ResetPasswordPage.On(browser, await page.SendNewCodeAsync());
            Assert.Equal(CodeSent, page.Info);
            var code = await server.Smtp.WaitForCodeAsync(email, ++received);
            if (code != old)
            {
                return (code, received);
            }
        }
    }
}

/// <summary>A reset waiting for its code to be typed: the browser, the address, step 1 saying "code sent", and the code.</summary>
internal sealed record CodeInHand(Browser Browser, string Email, ResetPasswordPage Page, string Code) : IDisposable
{
    public void Dispose() => Browser.Dispose();
}

public sealed class ResetCodeTestsOnSqlite(ResetFactory<Sqlite> server) : ResetCodeTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class ResetCodeTestsOnPostgres(ResetFactory<Postgres> server) : ResetCodeTests(server), IClassFixture<ResetFactory<Postgres>>;
