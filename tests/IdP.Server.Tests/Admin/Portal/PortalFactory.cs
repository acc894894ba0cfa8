using IdP.Server.Tests.RunNow;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The server of the portal suites: the portal's code redemption at the server's own token endpoint is served in
/// memory (as Run now's, see <see cref="RunNowHost.RedeemInMemory"/>); logs are kept so tests can read what failed
/// sign-ins wrote, and the SQL of each request is recorded so tests can check a page's database work.
/// </summary>
public class PortalFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public PortalFactory()
    {
        Logs = RunNowHost.KeepLogs(this);
        RunNowHost.RedeemInMemory(this);
        Sql = Attach(new RequestSqlRecorder());
    }

    public CapturedLogs Logs { get; }

    public RequestSqlRecorder Sql { get; }
}

/// <summary>The portal with a low admin-authentication limit (failed sign-ins), so the throttle can be reached.</summary>
public sealed class ThrottledPortalFactory<TDatabase> : PortalFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public ThrottledPortalFactory()
    {
        With("IdP:Limits:AdminAuthentication:PerAddress", "3");
        With("IdP:Limits:AdminAuthentication:PerNetwork", "5");
    }
}

/// <summary>
/// The portal suites share one server per provider and run one after another: fewer servers alive at once (each holds
/// file watchers), and the suites that flip the tenant-wide reset switch never overlap.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalOnSqlite : ICollectionFixture<PortalFactory<Sqlite>>
{
    public const string Name = "Admin portal on SQLite";
}

/// <inheritdoc cref="PortalOnSqlite"/>
[CollectionDefinition(Name)]
public sealed class PortalOnPostgres : ICollectionFixture<PortalFactory<Postgres>>
{
    public const string Name = "Admin portal on PostgreSQL";
}
