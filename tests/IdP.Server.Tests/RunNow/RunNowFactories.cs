using IdP.Server.RunNow;
using IdP.Server.Tests.Admin;
using IdP.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IdP.Server.Tests.RunNow;

/// <summary>
/// The server for Run now's suites: everything logged at Information or above is kept, so tests can check that no
/// token or code reaches the logs.
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

    /// <summary>
    /// The in-memory server has no socket to connect to: it reports the address a real one would, and the viewer's
    /// connection to its own token endpoint is handed to it instead of the network. <see cref="OwnTokenEndpointTests"/>
    /// runs the same over real sockets.
    /// </summary>
    public static void RedeemInMemory(IdPFactory factory) => factory.WithServices(services =>
    {
        services.AddHostedService<InMemoryAddress>();
        services.AddHttpClient(CodeRedeemer.ClientName).ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
    });

    private sealed class InMemoryAddress(IServer server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            server.Features.Get<IServerAddressesFeature>()!.Addresses.Add("http://127.0.0.1:80");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public class RunNowSqliteFactory : SqliteIdPFactory
{
    public RunNowSqliteFactory()
    {
        Logs = RunNowHost.KeepLogs(this);
        RunNowHost.RedeemInMemory(this);
    }

    public CapturedLogs Logs { get; }
}

public class RunNowPostgresFactory : PostgresIdPFactory
{
    public RunNowPostgresFactory()
    {
        Logs = RunNowHost.KeepLogs(this);
        RunNowHost.RedeemInMemory(this);
    }

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
    public RunNowAdminSqliteFactory() => TestAdmin.Configure(this, requireHttps: true);
}

public sealed class RunNowAdminPostgresFactory : RunNowPostgresFactory
{
    public RunNowAdminPostgresFactory() => TestAdmin.Configure(this, requireHttps: true);
}

/// <summary>The server on a real loopback port (Kestrel), so the viewer redeems codes over a real connection.</summary>
public sealed class RunNowOverNetworkFactory : SqliteIdPFactory
{
    public RunNowOverNetworkFactory() => UseKestrel(Port);

    public int Port { get; } = HttpsIdPFactory.FreePort();
}
