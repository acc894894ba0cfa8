using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// The default mail set-up (no SMTP host): messages land as <c>.eml</c> files in the pickup directory, and in
/// Development the code is also logged (and in no other environment).
/// </summary>
public abstract class PickupDirectoryTests(IPickupServer server) : ResetSuite(server.Factory, "pickup")
{
    [Fact]
    public async Task Without_an_smtp_host_each_message_is_written_to_the_pickup_directory()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, email);

        var message = await server.Pickup.WaitForMessageAsync(email);
        Assert.Equal("Contoso Test account email verification code", message.Subject);
        Assert.NotNull(message.HtmlBody);
        var code = TestSmtpServer.CodeIn(message);
        Assert.NotNull(ResetPasswordPage.On(browser, await sent.VerifyAsync(code)).Success);
        Assert.DoesNotContain(Directory.GetFiles(server.Pickup.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_code_is_logged_in_development_and_never_in_production()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        await SendCodeAsync(browser, email);
        var code = TestSmtpServer.CodeIn(await server.Pickup.WaitForMessageAsync(email));
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("DEVELOPMENT ONLY", StringComparison.Ordinal) && Mentions(e, code));

        var productionEmail = await AccountAsync();
        await using var production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("IdP:PasswordReset:LogCodes", "true"));
        using var onProduction = new Browser(production.CreateDefaultClient(new Uri(IdPFactory.Origin), new CookieContainerHandler(new CookieContainer())));
        var there = await OpenResetAsync(onProduction);
        ResetPasswordPage.On(onProduction, await there.SendCodeAsync(productionEmail));
        var productionCode = TestSmtpServer.CodeIn(await server.Pickup.WaitForMessageAsync(productionEmail));
        Assert.DoesNotContain(server.Logs.Entries, e => Mentions(e, productionCode));
    }

    [Fact]
    public async Task A_message_to_an_address_mail_software_cannot_parse_fails_at_once_and_blocks_nothing()
    {
        var good = Unique();
        var bad = await Factory.QueueMailAsync(".dot@example.com");
        var next = await Factory.QueueMailAsync(good);

        var failed = await Factory.WaitForOutboxRowAsync(bad, m => m.FailedAt is not null);
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.ProtectedTextBody);
        await Factory.WaitForOutboxRowAsync(next, m => m.SentAt is not null);
        Assert.Equal("Test message", (await server.Pickup.WaitForMessageAsync(good)).Subject);
    }

    private static bool Mentions(CapturedLog entry, string code) => Regex.IsMatch(entry.Message, $@"\b{code}\b");
}

/// <summary>A server with no SMTP host, writing mail to a temporary pickup directory and capturing its logs.</summary>
public interface IPickupServer
{
    IdPFactory Factory { get; }

    PickupFolder Pickup { get; }

    CapturedLogs Logs { get; }
}

/// <summary>The pickup server on <typeparamref name="TDatabase"/>: mail to a temporary folder, logs kept, reset on at first start.</summary>
public sealed class PickupFactory<TDatabase> : IdPFactory<TDatabase>, IPickupServer
    where TDatabase : ITestDatabase, new()
{
    public PickupFactory()
    {
        Pickup = Attach(new PickupFolder());
        Logs = Attach(new CapturedLogs());
        With("IdP:PasswordReset:Mode", "All");
    }

    public IdPFactory Factory => this;

    public PickupFolder Pickup { get; }

    public CapturedLogs Logs { get; }
}

public sealed class PickupDirectoryTestsOnSqlite(PickupFactory<Sqlite> server) : PickupDirectoryTests(server), IClassFixture<PickupFactory<Sqlite>>;

public sealed class PickupDirectoryTestsOnPostgres(PickupFactory<Postgres> server) : PickupDirectoryTests(server), IClassFixture<PickupFactory<Postgres>>;
