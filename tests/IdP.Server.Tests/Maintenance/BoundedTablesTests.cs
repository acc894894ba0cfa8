using IdP.Server.Maintenance;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdP.Server.Tests.Maintenance;

/// <summary>
/// Every table that grows with traffic is emptied by housekeeping once its rows' retention has passed: journeys, codes
/// and their per-address counters, sign-in counters and sessions, mail, Run now runs, OpenIddict's tokens and
/// authorizations, and audit events (after IdP:Maintenance:AuditRetention). Nothing a user did stays for ever.
/// </summary>
public abstract class BoundedTablesTests(BoundedTablesFactory factory)
{
    [Fact]
    public async Task After_every_retention_has_passed_housekeeping_leaves_no_row_of_any_growing_table()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(secret: "bounded-secret-0123456789");
        using var browser = factory.CreateBrowser();
        await (await SignInPage.OpenAsync(browser, client.Authorize())).SignInAsync(user.Email, "Wrong-Horse-1");
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        using var resetting = factory.CreateBrowser();
        var step1 = await resetting.OpenResetFromSignInAsync(client.Authorize());
        await step1.SendCodeAsync(user.Email);
        await factory.Smtp.WaitForCodeAsync(user.Email);
        await (await SignInPage.OpenAsync(factory.CreateBrowser(), client.Authorize())).SignInAsync($"{Guid.NewGuid():N}@example.com", "Wrong-Horse-1");

        // A grant still valid stays until its tokens expire (OpenIddict's pruning checks expiry against the real clock,
        // which this test does not move); revoked, as the admin API's revoke does, it goes after the retention.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<IGrantRevocation>().RevokeAsync(user.Account.Id, CancellationToken.None));
        var before = await CountsAsync();
        Assert.All(before, table => Assert.True(table.Value > 0, $"{table.Key} has no rows to remove: the test would prove nothing."));

        // Past the longest life of any row (refresh tokens: 14 days) and every retention, which the factory sets short.
        factory.Clock.Advance(TimeSpan.FromDays(16));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Housekeeping>().RunOnceAsync(CancellationToken.None));

        var after = await CountsAsync();
        Assert.All(after, table => Assert.True(table.Value == 0, $"{table.Key} still has {table.Value} row(s) after every retention passed."));
    }

    private Task<Dictionary<string, int>> CountsAsync() => factory.WithDbAsync(async db => new Dictionary<string, int>
    {
        ["journeys"] = await db.Journeys.CountAsync(),
        ["reset codes"] = await db.EmailVerifications.CountAsync(),
        ["codes sent per address"] = await db.EmailCodeSends.CountAsync(),
        ["send throttles"] = await db.EmailSendThrottles.CountAsync(),
        ["sign-in counters"] = await db.SignInThrottles.CountAsync(),
        ["sign-in sessions"] = await db.SignInSessions.CountAsync(),
        ["outbox"] = await db.OutboxMessages.CountAsync(),
        ["tokens"] = await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(),
        ["authorizations"] = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().CountAsync(),
        ["audit events"] = await db.AuditEvents.CountAsync(),
    });
}

/// <summary>A server with mail to an SMTP server and reset on, on a database of its own.</summary>
public abstract class BoundedTablesFactory(ITestDatabase database) : IdPFactory(database)
{
    public TestSmtpServer Smtp { get; } = null!;

    protected BoundedTablesFactory(ITestDatabase database, bool withSmtp)
        : this(database)
    {
        Smtp = withSmtp ? ResetServer.Prepare(this) : null!;
        With("IdP:Maintenance:Grace", "01:00:00");
        With("IdP:Maintenance:TokenRetention", "1.00:00:00");
        With("IdP:Maintenance:SentMailRetention", "1.00:00:00");
        With("IdP:Maintenance:AuditRetention", "1.00:00:00");
    }
}

public sealed class BoundedTablesFactory<TDatabase>() : BoundedTablesFactory(new TDatabase(), withSmtp: true)
    where TDatabase : ITestDatabase, new();

public sealed class BoundedTablesTestsOnSqlite(BoundedTablesFactory<Sqlite> factory) : BoundedTablesTests(factory), IClassFixture<BoundedTablesFactory<Sqlite>>;

public sealed class BoundedTablesTestsOnPostgres(BoundedTablesFactory<Postgres> factory) : BoundedTablesTests(factory), IClassFixture<BoundedTablesFactory<Postgres>>;
