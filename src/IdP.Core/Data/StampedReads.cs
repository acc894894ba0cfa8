namespace IdP.Core.Data;

/// <summary>How a scoped service reads configuration through a per-node <see cref="StampedCache{TKey, TValue}"/>.</summary>
public static class StampedReads
{
    /// <summary>
    /// The value kept under the stamp this request read, or what <paramref name="load"/> returns (then kept under it).
    /// Inside a transaction the database is read directly and nothing is kept: rows the transaction has written are not
    /// committed yet, and the stamp it sees may still be rolled back and reused by another change.
    /// </summary>
    public static async ValueTask<TValue?> ReadAsync<TKey, TValue, TState>(
        this StampedCache<TKey, TValue> cache,
        IIdPDbContext db,
        ConfigurationStamp stamp,
        TKey key,
        TState state,
        Func<TState, TKey, CancellationToken, Task<TValue?>> load,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(load);
        if (db.Database.CurrentTransaction is not null)
        {
            return await load(state, key, cancellationToken);
        }

        var current = await stamp.CurrentAsync(cancellationToken);
        return await cache.GetOrLoadAsync(current, key, state, load, cancellationToken);
    }
}
