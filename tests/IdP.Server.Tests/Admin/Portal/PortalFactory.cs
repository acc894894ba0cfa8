using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.RunNow;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The server of the portal suites: the portal's code redemption at the server's own token endpoint is served in
/// memory (as Run now's, see <see cref="RunNowHost.RedeemInMemory"/>); logs are kept so tests can read what failed
/// sign-ins wrote.
/// </summary>
public class PortalFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public PortalFactory()
    {
        Logs = RunNowHost.KeepLogs(this);
        RunNowHost.RedeemInMemory(this);
        With("IdP:Admin:Portal:MaxFailedSignIns", "1000");
    }

    public CapturedLogs Logs { get; }
}

/// <summary>The portal with a low limit of failed sign-ins, so the throttle can be reached.</summary>
public sealed class ThrottledPortalFactory<TDatabase> : PortalFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public ThrottledPortalFactory() => With("IdP:Admin:Portal:MaxFailedSignIns", "3");
}
