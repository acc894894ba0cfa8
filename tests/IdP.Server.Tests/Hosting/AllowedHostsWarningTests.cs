using IdP.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace IdP.Server.Tests.Hosting;

/// <summary>
/// Outside Development, <c>AllowedHosts: "*"</c> (the shipped appsettings.json) stops start-up unless
/// IdP:Server:AllowAnyHost says it is meant, and then gets a start-up warning: the issuer and the Run now same-origin
/// rule follow the Host header. Development keeps "*" quietly.
/// </summary>
public sealed class AllowedHostsWarningTests
{
    [Fact]
    public async Task Production_with_any_host_allowed_does_not_start_and_says_which_settings_to_set()
    {
        var factory = new ProductionFactory();

        var failure = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);

        var message = failure.GetBaseException().Message;
        Assert.Contains("AllowedHosts", message, StringComparison.Ordinal);
        Assert.Contains("IdP:Server:AllowAnyHost", message, StringComparison.Ordinal);
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task Production_with_any_host_explicitly_allowed_logs_a_warning_naming_the_setting()
    {
        var factory = new ProductionFactory();
        factory.With("IdP:Server:AllowAnyHost", "true");

        var logs = await StartupLogsAsync(factory);

        var warning = Assert.Single(logs, e => e.EventId == 3112);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("AllowedHosts", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_named_hosts_logs_no_warning()
    {
        var factory = new ProductionFactory();
        factory.With("AllowedHosts", "idp.test;localhost");

        Assert.DoesNotContain(await StartupLogsAsync(factory), e => e.EventId == 3112);
    }

    [Fact]
    public async Task Development_with_any_host_allowed_logs_no_warning() =>
        Assert.DoesNotContain(await StartupLogsAsync(new LoggedFactory()), e => e.EventId == 3112);

    private static async Task<IReadOnlyList<CapturedLog>> StartupLogsAsync(LoggedFactory factory)
    {
        try
        {
            await factory.InitializeAsync();
            return factory.Logs.Entries;
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    private class LoggedFactory : SqliteIdPFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    private sealed class ProductionFactory : LoggedFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
