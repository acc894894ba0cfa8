using IdP.Server.Tests.Infrastructure;
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
    public static CapturedLogs KeepLogs(IdPFactory factory)
    {
        var logs = new CapturedLogs();
        factory.With("Logging:LogLevel:Default", "Information")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Information")
            .With("Logging:LogLevel:OpenIddict", "Information")
            .With("Logging:LogLevel:System.Net.Http", "Information")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        return logs;
    }
}

public class RunNowSqliteFactory : SqliteIdPFactory
{
    public RunNowSqliteFactory() => Logs = RunNowHost.KeepLogs(this);

    public CapturedLogs Logs { get; }
}

public class RunNowPostgresFactory : PostgresIdPFactory
{
    public RunNowPostgresFactory() => Logs = RunNowHost.KeepLogs(this);

    public CapturedLogs Logs { get; }
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
