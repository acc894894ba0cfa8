using System.Net;
using System.Text.RegularExpressions;
using IdP.Core.PasswordReset;
using IdP.Core.Applications;
using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// The default mail set-up (no SMTP host): messages land as <c>.eml</c> files in the pickup directory, and in
/// Development the code is also logged (and in no other environment).
/// </summary>
public abstract class PickupDirectoryTests(IPickupServer server) : IAsyncLifetime
{
    private const string RedirectUri = "https://app.test/callback";
    private readonly IdPFactory _factory = server.Factory;
    private readonly string _clientId = "app-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        await _factory.RegisterAppAsync(new AppRegistration(_clientId, "Test app") { RedirectUris = [RedirectUri] });
        await _factory.SetResetModeAsync(PasswordResetMode.All);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_an_smtp_host_each_message_is_written_to_the_pickup_directory()
    {
        var email = Unique();
        await _factory.CreateAccountAsync(email, "Old-Password-1");
        using var browser = _factory.CreateBrowser();
        var step1 = await browser.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));

        var message = await WaitForFileAsync(email);
        Assert.Equal("Contoso Test account email verification code", message.Subject);
        Assert.NotNull(message.HtmlBody);
        var code = TestSmtpServer.CodeIn(message);
        Assert.NotNull(ResetPasswordPage.On(browser, await sent.VerifyAsync(code)).Success);
        Assert.DoesNotContain(Directory.GetFiles(server.PickupDirectory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_code_is_logged_in_development_and_never_in_production()
    {
        var email = Unique();
        await _factory.CreateAccountAsync(email, "Old-Password-1");
        using var browser = _factory.CreateBrowser();
        var step1 = await browser.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        var code = TestSmtpServer.CodeIn(await WaitForFileAsync(email));
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("DEVELOPMENT ONLY", StringComparison.Ordinal) && Mentions(e, code));

        var productionEmail = Unique();
        await _factory.CreateAccountAsync(productionEmail, "Old-Password-1");
        await using var production = _factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("IdP:PasswordReset:LogCodes", "true"));
        using var onProduction = new Browser(production.CreateDefaultClient(new Uri(IdPFactory.Origin), new CookieContainerHandler(new CookieContainer())));
        var there = await onProduction.OpenResetFromSignInAsync(new OidcClient(_factory, _clientId, RedirectUri).Authorize());
        ResetPasswordPage.On(onProduction, await there.SendCodeAsync(productionEmail));
        var productionCode = TestSmtpServer.CodeIn(await WaitForFileAsync(productionEmail));
        Assert.DoesNotContain(server.Logs.Entries, e => Mentions(e, productionCode));
    }

    [Fact]
    public async Task A_message_to_an_address_mail_software_cannot_parse_fails_at_once_and_blocks_nothing()
    {
        var good = Unique();
        var bad = await _factory.QueueMailAsync(".dot@example.com");
        var next = await _factory.QueueMailAsync(good);

        var failed = await _factory.WaitForOutboxRowAsync(bad, m => m.FailedAt is not null);
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.ProtectedTextBody);
        await _factory.WaitForOutboxRowAsync(next, m => m.SentAt is not null);
        Assert.Equal("Test message", (await WaitForFileAsync(good)).Subject);
    }

    private static bool Mentions(CapturedLog entry, string code) => Regex.IsMatch(entry.Message, $@"\b{code}\b");

    private async Task<MimeMessage> WaitForFileAsync(string to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(server.PickupDirectory))
            {
                foreach (var file in Directory.GetFiles(server.PickupDirectory, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == to))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No .eml file for {to} in {server.PickupDirectory}.");
    }

    private static string Unique() => $"pickup-{Guid.NewGuid():N}@example.com";
}

/// <summary>A server with no SMTP host, writing mail to a temporary pickup directory and capturing its logs.</summary>
public interface IPickupServer
{
    IdPFactory Factory { get; }

    string PickupDirectory { get; }

    CapturedLogs Logs { get; }
}

/// <summary>A temporary pickup directory for a server's mail, removed when the server stops.</summary>
public sealed class PickupFolder : IServerPart
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "idp-pickup-" + Guid.NewGuid().ToString("N"));

    public void Configure(IdPFactory factory) => factory.With("IdP:Email:PickupDirectory", Path);

    public Task StartAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>What makes a server a pickup server: mail to a temporary folder, logs kept, reset on at first start.</summary>
internal static class PickupServer
{
    public static string Prepare(IdPFactory factory, CapturedLogs logs)
    {
        var folder = factory.Attach(new PickupFolder());
        factory.With("IdP:PasswordReset:Mode", "All").WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        return folder.Path;
    }
}

public sealed class SqlitePickupFactory : SqliteIdPFactory, IPickupServer
{
    public SqlitePickupFactory() => PickupDirectory = PickupServer.Prepare(this, Logs);

    public IdPFactory Factory => this;

    public string PickupDirectory { get; }

    public CapturedLogs Logs { get; } = new();
}

public sealed class PostgresPickupFactory : PostgresIdPFactory, IPickupServer
{
    public PostgresPickupFactory() => PickupDirectory = PickupServer.Prepare(this, Logs);

    public IdPFactory Factory => this;

    public string PickupDirectory { get; }

    public CapturedLogs Logs { get; } = new();
}

public sealed class PickupDirectoryTestsOnSqlite(SqlitePickupFactory server) : PickupDirectoryTests(server), IClassFixture<SqlitePickupFactory>;

public sealed class PickupDirectoryTestsOnPostgres(PostgresPickupFactory server) : PickupDirectoryTests(server), IClassFixture<PostgresPickupFactory>;
