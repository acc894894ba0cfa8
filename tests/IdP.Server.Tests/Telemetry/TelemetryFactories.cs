using IdP.Server.Tests.RunNow;

namespace IdP.Server.Tests.Telemetry;

/// <summary>
/// A server every flow can run on (mail to an in-process SMTP server with reset on, the admin API's bootstrap client,
/// Run now's code redemption in memory) with every log category at Trace and every entry kept. It runs as Production:
/// Development deliberately logs reset codes (PasswordResetOptions.LogCodes), which production never does.
/// </summary>
public class EveryFlowFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public EveryFlowFactory()
    {
        With("environment", "Production");
        With("IdP:SignIn:MaxFailedAttempts", "3");
        Smtp = ResetServer.Prepare(this);
        Logs = Attach(new EverythingLogged());
        AdminApiClient.Configure(this);
        RunNowHost.RedeemInMemory(this);
    }

    public TestSmtpServer Smtp { get; }

    public EverythingLogged Logs { get; }
}
