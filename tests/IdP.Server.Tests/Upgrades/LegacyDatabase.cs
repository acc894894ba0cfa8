using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdP.Server.Tests.Upgrades;

/// <summary>
/// A database as an earlier version of the server left it: migrated to a chosen migration with EF Core's own migrator
/// (what <c>migrate</c> and the start-up run, one migration at a time), written with plain SQL in the columns of that
/// time (never through the current model, which may have moved on), and counted table by table.
/// </summary>
public sealed partial class LegacyDatabase : IAsyncDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();
    private readonly IdPDbContext _db;

    public LegacyDatabase(string provider, string connectionString)
    {
        IsSqlite = provider == "Sqlite";
        _db = IsSqlite
            ? new SqliteIdPDbContext(new DbContextOptionsBuilder<SqliteIdPDbContext>().UseSqlite(connectionString).UseOpenIddict().Options)
            : new PostgreSqlIdPDbContext(new DbContextOptionsBuilder<PostgreSqlIdPDbContext>().UseNpgsql(connectionString).UseOpenIddict().Options);
    }

    public bool IsSqlite { get; }

    /// <summary>Every migration of this build, oldest first.</summary>
    public IReadOnlyList<string> Migrations => [.. _db.Database.GetMigrations()];

    /// <summary>True when the model of this build differs from the last migration's snapshot (a migration is missing).</summary>
    public bool HasPendingModelChanges() => _db.Database.HasPendingModelChanges();

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync() => [.. await _db.Database.GetPendingMigrationsAsync()];

    /// <summary>
    /// The tables <paramref name="migration"/> names: those its operations act on, and those its SQL quotes (a trigger's
    /// or an update's tables). Tables it creates are among them; the caller knows which existed before.
    /// </summary>
    public IReadOnlySet<string> TablesNamedBy(string migration)
    {
        var assembly = _db.GetService<IMigrationsAssembly>();
        var operations = assembly.CreateMigration(assembly.Migrations[migration], _db.Database.ProviderName!).UpOperations;
        return operations.SelectMany(operation => operation switch
        {
            ITableMigrationOperation table => [table.Table],
            SqlOperation sql => QuotedName().Matches(sql.Sql).Select(m => m.Groups[1].Value),
            _ => [],
        }).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Applies the migrations up to and including <paramref name="migration"/>.</summary>
    public Task MigrateToAsync(string migration) => _db.GetService<IMigrator>().MigrateAsync(migration);

    /// <summary>
    /// Inserts one row: each property of <paramref name="row"/> is a column. Values go in as the server stored them on
    /// this provider (SQLite: dates as ticks, ids as upper-case text; PostgreSQL: native types); a null is left out, so
    /// the column gets its default (NULL).
    /// </summary>
    public Task InsertAsync(string table, object row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var columns = row.GetType().GetProperties().Select(p => (p.Name, Value: p.GetValue(row))).Where(c => c.Value is not null).ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"{{{i}}}"))})";
        return _db.Database.ExecuteSqlRawAsync(sql, columns.Select(c => Stored(c.Value!)));
    }

    /// <summary>Runs a statement of plain SQL.</summary>
    public Task ExecuteAsync(string sql) => _db.Database.ExecuteSqlRawAsync(sql);

    /// <summary>The first column of each row of <paramref name="sql"/> (which names it "Value").</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql) => await _db.Database.SqlQueryRaw<T>(sql).ToListAsync();

    /// <summary>A date column's value as this provider stores it.</summary>
    public object Time(DateTimeOffset value) => IsSqlite ? SqliteTime.ConvertToProvider(value.ToUniversalTime())! : value.ToUniversalTime();

    /// <summary>The tables of the database now (EF Core's own bookkeeping left out) with their row counts.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync()
    {
        var tables = await QueryAsync<string>(IsSqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !t.StartsWith("__EF", StringComparison.Ordinal)))
        {
            counts[table] = (await QueryAsync<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\""))[0];
        }

        return counts;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex QuotedName();

    private object Stored(object value) => value switch
    {
        DateTimeOffset time => Time(time),
        Guid id when IsSqlite => id.ToString().ToUpperInvariant(),
        _ => value,
    };
}
