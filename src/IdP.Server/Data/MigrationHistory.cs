using Microsoft.EntityFrameworkCore.Storage;

namespace IdP.Server.Data;

/// <summary>
/// Migrations without a false alarm on a fresh database. Npgsql's EF Core provider answers "the history table exists"
/// without asking and reads it, catching the failure when it is missing; EF Core logs that failed read at Error level
/// ("Failed executing DbCommand … FROM "__EFMigrationsHistory"", dotnet/efcore#37328) although nothing is wrong. So the
/// table is created (concurrency-safe, as EF itself does it) before migrating, and a read-only question (pending
/// migrations, for the health check and the CLI) asks the catalog first. An error from a migration step is then always
/// a real one.
/// </summary>
internal static class MigrationHistory
{
    /// <summary>The migrations the database lacks: all of them while it has no history table (or does not exist).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(DbContext db, CancellationToken cancellationToken) =>
        await HistoryExistsAsync(db, cancellationToken)
            ? [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)]
            : [.. db.Database.GetMigrations()];

    /// <summary>Applies every pending migration, creating the database and its history table first when they are missing.</summary>
    public static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task<bool> HistoryExistsAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            return false;
        }

        if (db.Database.ProviderName != IdPDbContextExtensions.PostgreSqlProvider)
        {
            return await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken);
        }

        // The table in the connection's search path, as EF Core's unqualified history table name resolves.
        var found = await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('\"" + HistoryRepository.DefaultTableName + "\"') IS NOT NULL AS \"Value\"").ToListAsync(cancellationToken);
        return found is [true];
    }
}
