using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IdP.Server.Tests.RunNow;

/// <summary>What Run now's servers add to the server: logs kept, and the viewer's code redemption served in memory.</summary>
internal static class RunNowHost
{
    /// <summary>Keeps everything logged at Information or above, so tests can check that no token or code reaches the logs.</summary>
    public static CapturedLogs KeepLogs(IdPFactory factory) => factory
        .With("Logging:LogLevel:Default", "Information")
        .With("Logging:LogLevel:Microsoft.AspNetCore", "Information")
        .With("Logging:LogLevel:OpenIddict", "Information")
        .With("Logging:LogLevel:System.Net.Http", "Information")
        .Attach(new CapturedLogs());

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

/// <summary>The server of Run now's suites (see <see cref="RunNowHost"/>); the variants below add one setting each.</summary>
public class RunNowFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public RunNowFactory()
    {
        Logs = RunNowHost.KeepLogs(this);
        RunNowHost.RedeemInMemory(this);
    }

    public CapturedLogs Logs { get; }
}

/// <summary>Run now switched off.</summary>
public sealed class RunNowDisabledFactory<TDatabase> : RunNowFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public RunNowDisabledFactory() => With("IdP:RunNow:Enabled", "false");
}

/// <summary>A production server.</summary>
public sealed class RunNowProductionFactory<TDatabase> : RunNowFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public RunNowProductionFactory() => With("environment", "Production");
}

/// <summary>The admin portal switched off.</summary>
public sealed class RunNowWithoutPortalFactory<TDatabase> : RunNowFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public RunNowWithoutPortalFactory() => With("IdP:Admin:Portal:Enabled", "false");
}

/// <summary>The server on a real loopback port (Kestrel), so the viewer redeems codes over a real connection.</summary>
public sealed class RunNowOverNetworkFactory : BrowserIdPFactory;
