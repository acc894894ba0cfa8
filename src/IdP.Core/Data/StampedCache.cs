using System.Collections.Concurrent;

namespace IdP.Core.Data;

/// <summary>
/// A per-node cache (a singleton) of values loaded from configuration tables, each entry filed under the
/// <see cref="ConfigurationStamp"/> its request read before loading it, and used only by requests that read exactly
/// that stamp. Bounded: at <c>capacity</c> entries it starts afresh. Values must be safe to share across requests and
/// threads (immutable snapshots, or objects every caller copies before changing); never tracked EF entities.
/// Negative answers (a null value) are kept too, so an unknown name does not cost a read per request while the stamp
/// stands. A null stamp (the request is inside a database transaction, see <see cref="ConfigurationStamp.CurrentAsync"/>)
/// neither uses nor files anything.
/// </summary>
/// <typeparam name="TKey">What a value is looked up by.</typeparam>
/// <typeparam name="TValue">The value kept.</typeparam>
public sealed class StampedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new(comparer);

    /// <summary>
    /// The value filed under <paramref name="key"/> and <paramref name="stamp"/>, or what <paramref name="load"/> returns
    /// (then filed under that stamp). <paramref name="stamp"/> must have been read before <paramref name="load"/> runs.
    /// </summary>
    public async ValueTask<TValue?> GetOrLoadAsync<TState>(long? stamp, TKey key, TState state, Func<TState, TKey, CancellationToken, Task<TValue?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet(stamp, key, out var kept))
        {
            return kept;
        }

        var value = await load(state, key, cancellationToken);
        Set(stamp, key, value);
        return value;
    }

    /// <summary>True (with the value) when <paramref name="key"/> was filed under exactly <paramref name="stamp"/>.</summary>
    public bool TryGet(long? stamp, TKey key, out TValue? value)
    {
        if (stamp is not null && _entries.TryGetValue(key, out var kept) && kept.Stamp == stamp)
        {
            value = kept.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Files <paramref name="value"/> under <paramref name="key"/> and <paramref name="stamp"/>, read before the value was loaded.</summary>
    public void Set(long? stamp, TKey key, TValue? value)
    {
        if (stamp is not { } filedUnder)
        {
            return;
        }

        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            _entries.Clear();
        }

        // A request that read an older stamp never replaces an entry of a newer one (it would only cost a reload).
        _entries.AddOrUpdate(key, static (_, entry) => entry, static (_, existing, entry) => existing.Stamp > entry.Stamp ? existing : entry, new Entry(value, filedUnder));
    }

    /// <summary>How many entries are kept (for tests and metrics).</summary>
    public int Count => _entries.Count;

    private sealed record Entry(TValue? Value, long Stamp);
}
