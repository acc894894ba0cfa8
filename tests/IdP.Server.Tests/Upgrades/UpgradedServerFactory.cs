namespace IdP.Server.Tests.Upgrades;

/// <summary>
/// One migration applied to a database: the tables it names (<see cref="LegacyDatabase.TablesNamedBy"/>) and the row
/// count of each table just before and just after it.
/// </summary>
public sealed record UpgradeStep(string Migration, IReadOnlySet<string> Tables, IReadOnlyDictionary<string, long> Before, IReadOnlyDictionary<string, long> After)
{
    /// <summary>The tables the migration acts on that existed before it (the ones whose rows it meets).</summary>
    public IEnumerable<string> ExistingTables => Tables.Where(Before.ContainsKey);
}

/// <summary>
/// The current server on a database an installation upgraded from the first version: migrated to the first migration,
/// filled as that version's server would have, then taken through every later migration one at a time (each version's
/// rows written before the next migration runs, so none of them meets empty tables; the last one applied by the
/// operator's <c>migrate</c> command), and only then the server starts. A migration that fails on these rows fails the
/// whole suite, naming the migration.
/// </summary>
public class UpgradedServerFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    private readonly TDatabase _database = new();
    private string? _connectionString;

    private readonly CapturedLogs _logs;

    public UpgradedServerFactory() => _logs = Attach(new CapturedLogs());

    public LegacyRows Rows { get; } = new();

    public IReadOnlyList<UpgradeStep> Steps { get; private set; } = [];

    /// <summary>What <c>migrate</c> printed when it applied the last migration.</summary>
    public string MigrateOutput { get; private set; } = "";

    /// <summary>Whether the model of this build differs from the snapshot of its last migration, checked after the upgrade.</summary>
    public bool HadPendingModelChanges { get; private set; }

    /// <summary>What the server logged while it started on the upgraded database.</summary>
    public IReadOnlyList<CapturedLog> StartupLogs { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        _connectionString = await _database.CreateAsync();
        await using (var db = OpenDatabase())
        {
            Steps = await UpgradeAsync(db);
            HadPendingModelChanges = db.HasPendingModelChanges();
        }

        With("ConnectionStrings:IdP", _connectionString);
        await base.InitializeAsync();
        StartupLogs = _logs.Entries;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The upgraded database, read and written with plain SQL.</summary>
    public LegacyDatabase OpenDatabase() => new(_database.Provider, _connectionString ?? throw new InvalidOperationException("The database is made in InitializeAsync."));

    private async Task<IReadOnlyList<UpgradeStep>> UpgradeAsync(LegacyDatabase db)
    {
        var steps = new List<UpgradeStep>();
        var migrations = db.Migrations;
        var writers = Rows.ByLatestMigration;
        for (var i = 0; i < migrations.Count; i++)
        {
            var migration = migrations[i];
            var before = await db.CountRowsAsync();
            try
            {
                if (i < migrations.Count - 1)
                {
                    await db.MigrateToAsync(migration);
                }
                else
                {
                    MigrateOutput = await MigrateCommandAsync();
                }
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Migration {migration} failed on a populated {_database.Provider} database: {e.Message}", e);
            }

            steps.Add(new UpgradeStep(migration, db.TablesNamedBy(migration), before, await db.CountRowsAsync()));

            // The version whose latest migration this is ran for a while: its rows (none after the last migration,
            // whose version is this build).
            if (i < migrations.Count - 1)
            {
                var write = writers.GetValueOrDefault(LegacyRows.NameOf(migration))
                    ?? throw new InvalidOperationException($"LegacyRows has no rows for the version whose latest migration is {migration}: add what its server wrote (at least into the tables the next migration touches).");
                await write(db);
            }
        }

        return steps;
    }

    /// <summary><c>dotnet IdP.Server.dll migrate</c>, in-process, on the upgraded database.</summary>
    private async Task<string> MigrateCommandAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await IdPCli.RunAsync(["migrate"], new CliConsole(TextReader.Null, output, error, _ => null), new CliHostOptions
        {
            Settings = new Dictionary<string, string?> { ["IdP:Database:Provider"] = _database.Provider, ["ConnectionStrings:IdP"] = _connectionString },
            EnvironmentName = Environments.Development,
        });
        return exitCode == CliExit.Ok ? output.ToString() : throw new InvalidOperationException($"migrate exited {exitCode}: {error}");
    }
}
