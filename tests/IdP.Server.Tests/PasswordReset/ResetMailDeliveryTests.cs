using IdP.Core.Email;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// Mail through the outbox: a code queued while SMTP is down is delivered when it is back, retries back off, the last
/// failed attempt (or a message that can never be sent) marks the message failed (kept, never deleted), a code that
/// expired in the queue is dropped, bodies are protected at rest and erased once the message is done with.
/// These servers retry at most 3 times and give codes 2 minutes.
/// </summary>
public abstract class ResetMailDeliveryTests(IResetServer server) : ResetSuite(server.Factory, "mail")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await server.Smtp.StartAsync();
    }

    public override async Task DisposeAsync() => await server.Smtp.StartAsync();

    [Fact]
    public async Task A_code_queued_while_smtp_is_down_is_delivered_once_it_is_back()
    {
        using var browser = Factory.CreateBrowser();
        var (email, sent, failed) = await SendWhileSmtpIsDownAsync(browser);
        Assert.Equal(CodeSent, sent.Info);
        Assert.Null(failed.SentAt);
        Assert.Null(failed.FailedAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.Equal(failed.CreatedAt + TimeSpan.FromSeconds(15), failed.NextAttemptAt);
        Assert.DoesNotContain("Your code is", failed.ProtectedTextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Your code is", failed.ProtectedHtmlBody, StringComparison.Ordinal);
        Assert.Empty(server.Smtp.To(email));

        await server.Smtp.StartAsync();
        var code = TestSmtpServer.CodeIn(await AdvanceUntilDeliveredAsync(email));
        var delivered = await WaitForOutboxAsync(email, m => m.SentAt is not null);
        Assert.Equal(2, delivered.Attempts);
        Assert.Null(delivered.ProtectedTextBody);
        Assert.Null(delivered.ProtectedHtmlBody);

        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.Equal(Verified, verified.Success);
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_marked_failed_and_kept()
    {
        using var browser = Factory.CreateBrowser();
        var (email, _, first) = await SendWhileSmtpIsDownAsync(browser);

        // Backoff doubles: the second attempt is due 15 s after the first, the third 30 s after the second.
        Assert.Equal(first.CreatedAt + TimeSpan.FromSeconds(15), first.NextAttemptAt);
        var second = await AdvanceUntilAsync(email, m => m.Attempts == 2);
        // The second attempt ran at some moment between its due time and now; the third is due exactly 30 s after it.
        Assert.InRange(second.NextAttemptAt - TimeSpan.FromSeconds(30), first.NextAttemptAt, Factory.Clock.GetUtcNow());
        var third = await AdvanceUntilAsync(email, m => m.Attempts == 3);
        Assert.NotNull(third.FailedAt);
        Assert.Null(third.SentAt);
        Assert.False(string.IsNullOrEmpty(third.LastError));

        // Failed for good: SMTP coming back does not resend it, and the row stays for an operator, without its bodies.
        await server.Smtp.StartAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(500);
        var kept = await WaitForOutboxAsync(email, m => m.FailedAt is not null);
        Assert.Equal(3, kept.Attempts);
        Assert.Null(kept.ProtectedTextBody);
        Assert.Null(kept.ProtectedHtmlBody);
        Assert.Equal("Contoso Test account email verification code", kept.Subject);
        Assert.Empty(server.Smtp.To(email));
    }

    [Fact]
    public async Task A_code_still_queued_when_it_expires_is_dropped_not_sent_late()
    {
        using var browser = Factory.CreateBrowser();
        var (email, _, queued) = await SendWhileSmtpIsDownAsync(browser);
        Assert.Equal(queued.CreatedAt + TimeSpan.FromMinutes(2), queued.ExpiresAt);

        // SMTP is back only after the code's two minutes: the next attempt drops the message instead of sending it.
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await server.Smtp.StartAsync();
        var dropped = await AdvanceUntilAsync(email, m => m.DroppedAt is not null);
        Assert.Null(dropped.SentAt);
        Assert.Null(dropped.FailedAt);
        Assert.Null(dropped.ProtectedTextBody);
        Assert.Null(dropped.ProtectedHtmlBody);
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(300);
        Assert.Empty(server.Smtp.To(email));
    }

    [Fact]
    public async Task A_message_to_an_address_mail_software_cannot_parse_fails_at_once_and_blocks_nothing()
    {
        // Accounts can no longer hold such an address; a message to one (an older row, another writer) must still not
        // stall the outbox.
        const string unparsable = "dot.@example.com";
        Assert.False(IdP.Core.Accounts.EmailAddress.IsValid(unparsable));
        var good = Unique();
        var bad = await Factory.QueueMailAsync(unparsable);
        var next = await Factory.QueueMailAsync(good);

        var failed = await Factory.WaitForOutboxRowAsync(bad, m => m.FailedAt is not null);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("cannot be parsed", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.ProtectedTextBody);
        Assert.Null(failed.ProtectedHtmlBody);
        await Factory.WaitForOutboxRowAsync(next, m => m.SentAt is not null);
        await server.Smtp.WaitForMessageAsync(good);

        // Never tried again.
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(300);
        Assert.Equal(1, (await Factory.WaitForOutboxRowAsync(bad, _ => true)).Attempts);
    }

    [Fact]
    public async Task The_configured_code_lifetime_is_used_and_told_in_the_email()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, email);
        var mail = await server.Smtp.WaitForMessageAsync(email);
        Assert.Contains("This code is valid for 2 minutes.", mail.TextBody, StringComparison.Ordinal);

        Factory.Clock.Advance(TimeSpan.FromSeconds(121));
        var expired = ResetPasswordPage.On(browser, await sent.VerifyAsync(TestSmtpServer.CodeIn(mail)));
        Assert.Equal("That code is expired. Please request a new code.", expired.Error);
    }

    /// <summary>
    /// With SMTP down, step 1 sends a code to a new account: returns the address, the page that says so, and the
    /// outbox row once its first attempt has failed.
    /// </summary>
    private async Task<(string Email, ResetPasswordPage Sent, OutboxMessage Row)> SendWhileSmtpIsDownAsync(Browser browser)
    {
        var email = await AccountAsync();
        await server.Smtp.StopAsync();
        var sent = await SendCodeAsync(browser, email);
        return (email, sent, await WaitForOutboxAsync(email, m => m.Attempts == 1));
    }

    /// <summary>Moves the fake clock in small steps (so the worker's poll timer fires) until the message matches.</summary>
    private async Task<OutboxMessage> AdvanceUntilAsync(string email, Func<OutboxMessage, bool> condition)
    {
        for (var step = 0; step < 40; step++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(5));
            var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(400);
            while (DateTime.UtcNow < deadline)
            {
                if (await OutboxRowAsync(email) is { } row && condition(row))
                {
                    return row;
                }

                await Task.Delay(25);
            }
        }

        throw new TimeoutException("The outbox message never reached the expected state.");
    }

    private async Task<MimeKit.MimeMessage> AdvanceUntilDeliveredAsync(string email)
    {
        await AdvanceUntilAsync(email, m => m.SentAt is not null);
        return await server.Smtp.WaitForMessageAsync(email);
    }

    /// <summary>Waits in real time (the worker runs on its own) until the message matches.</summary>
    private async Task<OutboxMessage> WaitForOutboxAsync(string email, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await OutboxRowAsync(email) is { } row && condition(row))
            {
                return row;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The outbox message never reached the expected state.");
    }

    private Task<OutboxMessage?> OutboxRowAsync(string email) =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.ToAddress == email));
}

/// <summary>The reset server with at most 3 delivery attempts and 2-minute codes.</summary>
public sealed class ShortOutboxFactory<TDatabase> : ResetFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public ShortOutboxFactory() => With("IdP:Email:Outbox:MaxAttempts", "3").With("IdP:PasswordReset:CodeLifetimeSeconds", "120");
}

public sealed class ResetMailDeliveryTestsOnSqlite(ShortOutboxFactory<Sqlite> server) : ResetMailDeliveryTests(server), IClassFixture<ShortOutboxFactory<Sqlite>>;

public sealed class ResetMailDeliveryTestsOnPostgres(ShortOutboxFactory<Postgres> server) : ResetMailDeliveryTests(server), IClassFixture<ShortOutboxFactory<Postgres>>;
