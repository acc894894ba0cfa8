using Microsoft.EntityFrameworkCore.Metadata;

namespace IdP.Core.Data;

/// <summary>Storage steps several services share.</summary>
public static class IdPDbContextExtensions
{
    /// <summary>
    /// Inserts <paramref name="row"/> unless a row with its key (or another unique value) already exists: false when
    /// another request (or node) inserted it first, which callers treat as "the row is there now". One
    /// <c>INSERT … ON CONFLICT DO NOTHING</c> (PostgreSQL and SQLite alike), built from the model: losing the race
    /// raises no duplicate-key error, so it neither logs one nor aborts the caller's open PostgreSQL transaction. The row
    /// is never tracked, so callers keep working on it with set-based updates.
    /// </summary>
    public static async Task<bool> TryInsertAsync<T>(this IIdPDbContext db, DbSet<T> set, T row, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(row);
        var entityType = set.EntityType;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = new List<string>();
        var placeholders = new List<string>();
        var values = new List<object>();
        foreach (var property in entityType.GetProperties())
        {
            var value = property.PropertyInfo?.GetValue(row) ?? property.FieldInfo?.GetValue(row);
            if (value is not null && property.GetTypeMapping().Converter is { } converter)
            {
                // Raw SQL bypasses the model's conversions (enums as text, SQLite's dates as ticks): apply them here.
                value = converter.ConvertToProvider(value);
            }

            columns.Add(Quote(property.GetColumnName(table)!));

            // A null is written as the literal: a parameter needs a type to map, and DBNull has none.
            if (value is null)
            {
                placeholders.Add("NULL");
            }
            else
            {
                placeholders.Add("{" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
                values.Add(value);
            }
        }

        var target = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        var sql = $"INSERT INTO {target} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", placeholders)}) ON CONFLICT DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(sql, values, cancellationToken) == 1;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Makes the caller's open transaction wait for every other administrative change in progress, on any node: a
    /// PostgreSQL transaction-level advisory lock, released at commit or rollback (and taken again at no cost by a
    /// nested change in the same transaction). SQLite needs nothing: its transactions begin <c>IMMEDIATE</c>, so writers
    /// already run one at a time. Administrative changes are few, so one lock for all of them costs nothing noticeable
    /// and decides every unique-value race (sign-in names, group names, client ids, flow names) by the checks before
    /// the write.
    /// </summary>
    public static async Task SerializeAdministrativeChangesAsync(this IIdPDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null && db.Database.ProviderName == PostgreSqlProvider)
        {
            await db.Database.ExecuteSqlRawAsync(LockAdministrativeChanges, cancellationToken);
        }
    }

    /// <summary>The EF Core provider name of PostgreSQL (Npgsql).</summary>
    public const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // The key is "IdPAdmin" as a 64-bit number (0x49645041646D696E): advisory locks share one key space per database,
    // so it says what it is for.
    private const string LockAdministrativeChanges = "SELECT pg_advisory_xact_lock(5288440104227793262)";

    /// <summary>
    /// Begins a transaction, or joins the one already open on the context (an administrative change that writes its
    /// audit event in the same transaction): only the outermost caller's commit commits, and only its dispose rolls
    /// back what was not committed.
    /// </summary>
    public static async Task<UnitOfWork> BeginOrJoinTransactionAsync(this IIdPDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.CurrentTransaction is not null
            ? new UnitOfWork(null)
            : new UnitOfWork(await db.Database.BeginTransactionAsync(cancellationToken));
    }
}

/// <summary>A transaction this caller owns, or a share of an enclosing one (whose owner commits).</summary>
public sealed class UnitOfWork(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? owned) : IAsyncDisposable
{
    /// <summary>Commits when this caller owns the transaction; a joined caller leaves it to the owner.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => owned?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Explicitly rolls back an owned transaction.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken) => owned?.RollbackAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Disposes an owned transaction (rolling it back if it was not committed).</summary>
    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
