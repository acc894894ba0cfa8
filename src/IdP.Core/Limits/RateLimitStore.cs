using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdP.Core.Limits;

/// <summary>
/// The counters of <see cref="AbuseLimiter"/> in the database every node shares. A hit on a client's address counter
/// and its network counter is one statement, an upsert that returns both new counts: it is atomic under any number of
/// parallel requests and nodes, costs one round trip, and a race for a window's first hit never raises (and logs) a
/// duplicate-key error.
/// </summary>
public sealed class RateLimitStore(IIdPDbContext db)
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteDates = new();

    /// <summary>
    /// Adds one hit to the counter <paramref name="addressKey"/> and, unless that count goes over
    /// <paramref name="perAddress"/>, one to <paramref name="networkKey"/> (an address over its own limit does not use up
    /// its network's); both are created with their window's end. Returns the new counts, 0 for a network not counted.
    /// </summary>
    public async Task<(int ByAddress, int ByNetwork)> IncrementAsync(string addressKey, string networkKey, int perAddress, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addressKey);
        ArgumentNullException.ThrowIfNull(networkKey);
        if (IsSqlite)
        {
            // SQLite has no data-modifying CTE. Its writers are serialised (an INSERT takes the write lock before it
            // reads anything), so the network row, listed first, reads the address's count before this statement adds
            // to it, with nobody else writing in between: the network adds 1 only while that count is under the
            // limit, i.e. while the address's new count is not over it. The network row of an address over its limit
            // may be created with 0, which counts for nothing; its count is then not this hit's, so 0 is returned.
            var rows = await db.Database.SqlQueryRaw<CounterRow>(
                    """
                    INSERT INTO "RateLimitCounters" ("Key", "Count", "ExpiresAt") VALUES
                        ({1}, CASE WHEN coalesce((SELECT "Count" FROM "RateLimitCounters" WHERE "Key" = {0}), 0) >= {2} THEN 0 ELSE 1 END, {3}),
                        ({0}, 1, {3})
                    ON CONFLICT ("Key") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + excluded."Count"
                    RETURNING "Key", "Count"
                    """,
                    addressKey,
                    networkKey,
                    perAddress,
                    SqliteDates.ConvertToProvider(expiresAt)!)
                .ToListAsync(cancellationToken);
            var byAddress = rows.Single(r => r.Key == addressKey).Count;
            return (byAddress, byAddress > perAddress ? 0 : rows.Single(r => r.Key == networkKey).Count);
        }

        // PostgreSQL runs parallel writers, and a subquery would see the statement's snapshot, not a concurrent hit's
        // count: the network's upsert takes the address upsert's returned (locked, current) count instead.
        var counts = await db.Database.SqlQueryRaw<HitCounts>(
                """
                WITH "Address" AS (
                    INSERT INTO "RateLimitCounters" ("Key", "Count", "ExpiresAt") VALUES ({0}, 1, {3})
                    ON CONFLICT ("Key") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + 1
                    RETURNING "Count"),
                "Network" AS (
                    INSERT INTO "RateLimitCounters" ("Key", "Count", "ExpiresAt")
                    SELECT {1}, 1, {3} FROM "Address" WHERE "Address"."Count" <= {2}
                    ON CONFLICT ("Key") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + 1
                    RETURNING "Count")
                SELECT (SELECT "Count" FROM "Address") AS "ByAddress", coalesce((SELECT "Count" FROM "Network"), 0) AS "ByNetwork"
                """,
                addressKey,
                networkKey,
                perAddress,
                expiresAt)
            .ToListAsync(cancellationToken);
        var hit = counts.Single();
        return (hit.ByAddress, hit.ByNetwork);
    }

    /// <summary>The counts of <paramref name="addressKey"/> and <paramref name="networkKey"/>, 0 for a counter that has none; one query.</summary>
    public async Task<(int ByAddress, int ByNetwork)> ReadAsync(string addressKey, string networkKey, CancellationToken cancellationToken)
    {
        var rows = await db.RateLimitCounters.AsNoTracking()
            .Where(c => c.Key == addressKey || c.Key == networkKey)
            .Select(c => new { c.Key, c.Count })
            .ToListAsync(cancellationToken);
        return (rows.FirstOrDefault(r => r.Key == addressKey)?.Count ?? 0, rows.FirstOrDefault(r => r.Key == networkKey)?.Count ?? 0);
    }

    /// <summary>Deletes counters whose window ended before <paramref name="now"/>.</summary>
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RateLimitCounters.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);

    // Raw SQL bypasses the model's conversions: SQLite keeps DateTimeOffset as ticks (see the context's conventions).
    private bool IsSqlite => db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>One counter as SQLite's upsert returns it.</summary>
    private sealed record CounterRow(string Key, int Count);

    /// <summary>Both counts as PostgreSQL's upsert returns them.</summary>
    private sealed record HitCounts(int ByAddress, int ByNetwork);
}
