using System.Collections.Concurrent;
using IdP.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdP.Server.Tests.RunNow;

/// <summary>
/// The server for Run now's suites: everything logged at Information or above is kept, so tests can check that no
/// token or code reaches the logs. Nothing else: the viewer redeems codes through the server's own pipeline, so the
/// in-process server needs no network plumbing for it.
/// </summary>
internal static class RunNowHost
{
    public static void Configure(IWebHostBuilder builder, LogCapture logs)
    {
        builder.UseSetting("Logging:LogLevel:Default", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        builder.UseSetting("Logging:LogLevel:OpenIddict", "Information");
        builder.UseSetting("Logging:LogLevel:System.Net.Http", "Information");
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
    }
}

/// <summary>Keeps every log message (and exception) the server writes.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

public class RunNowSqliteFactory : SqliteIdPFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        RunNowHost.Configure(builder, Logs);
    }
}

public class RunNowPostgresFactory : PostgresIdPFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        RunNowHost.Configure(builder, Logs);
    }
}

/// <summary>Run now switched off.</summary>
public sealed class RunNowDisabledSqliteFactory : RunNowSqliteFactory
{
    public RunNowDisabledSqliteFactory() => With("IdP:RunNow:Enabled", "false");
}

public sealed class RunNowDisabledPostgresFactory : RunNowPostgresFactory
{
    public RunNowDisabledPostgresFactory() => With("IdP:RunNow:Enabled", "false");
}

/// <summary>A production server without admin credentials.</summary>
public sealed class RunNowProductionSqliteFactory : RunNowSqliteFactory
{
    public RunNowProductionSqliteFactory() => With("environment", "Production");
}

public sealed class RunNowProductionPostgresFactory : RunNowPostgresFactory
{
    public RunNowProductionPostgresFactory() => With("environment", "Production");
}

/// <summary>A production server with admin credentials and HTTPS required.</summary>
public sealed class RunNowAdminSqliteFactory : RunNowSqliteFactory
{
    public RunNowAdminSqliteFactory() => RunNowAdmin.Configure(this);
}

public sealed class RunNowAdminPostgresFactory : RunNowPostgresFactory
{
    public RunNowAdminPostgresFactory() => RunNowAdmin.Configure(this);
}

internal static class RunNowAdmin
{
    public const string UserName = "operator";
    public const string Password = "Op3rator-Secret-Pa55";

    public static void Configure(IdPFactory factory) => factory
        .With("environment", "Production")
        .With("IdP:Server:RequireHttps", "true")
        .With("IdP:Admin:UserName", UserName)
        .With("IdP:Admin:Password", Password);
}
