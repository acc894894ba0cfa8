using IdP.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdP.Core.Limits;

/// <summary>
/// The counters of <see cref="AbuseLimiter"/> in the database every node shares. One statement per counter, an upsert
/// that returns the new count (PostgreSQL and SQLite both have <c>INSERT … ON CONFLICT … DO UPDATE … RETURNING</c>): it is
/// atomic under any number of parallel requests and nodes, and a race for a window's first hit never raises (and logs)
/// a duplicate-key error.
/// </summary>
public sealed class RateLimitStore(IIdPDbContext db)
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteDates = new();

    /// <summary>Adds one hit to the counter <paramref name="key"/> (created with its window's end) and returns its count.</summary>
    public async Task<int> IncrementAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var counts = await db.Database.SqlQueryRaw<int>(
                """
                INSERT INTO "RateLimitCounters" ("Key", "Count", "ExpiresAt") VALUES ({0}, 1, {1})
                ON CONFLICT ("Key") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + 1
                RETURNING "Count" AS "Value"
                """,
                key,
                DateParameter(expiresAt))
            .ToListAsync(cancellationToken);
        return counts.Single();
    }

    /// <summary>The counter's count, 0 when it has none.</summary>
    public Task<int> ReadAsync(string key, CancellationToken cancellationToken) =>
        db.RateLimitCounters.AsNoTracking().Where(c => c.Key == key).Select(c => c.Count).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Deletes counters whose window ended before <paramref name="now"/>.</summary>
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RateLimitCounters.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);

    // Raw SQL bypasses the model's conversions: SQLite keeps DateTimeOffset as ticks (see the context's conventions).
    private object DateParameter(DateTimeOffset value) =>
        db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true ? SqliteDates.ConvertToProvider(value)! : value;
}
