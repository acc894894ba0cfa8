using System.Runtime.CompilerServices;

namespace IdP.Core.Data;

/// <summary>
/// The configuration stamp as this request sees it: read from the database once per request (scoped, memoised), it is
/// the key under which per-node caches file what they load from configuration tables (the tenant, user flows,
/// applications with their secrets, OpenIddict's applications and scopes, branding, string overrides).
/// </summary>
/// <remarks>
/// <para>
/// Database triggers on every configuration table move the stamp in the writer's own transaction (EF Core, bulk
/// updates, raw SQL, OpenIddict's stores, the CLI, seeding: every write path), so a change committed on any node has
/// moved the stamp before any request can see the change.
/// </para>
/// <para>
/// How a cache uses it (<see cref="StampedCache{TKey, TValue}"/> does exactly this): call <see cref="CurrentAsync"/>
/// <b>before</b> loading anything, file what was loaded under that stamp, and use an entry only when it was filed under
/// exactly the stamp the current request read. Data loaded after reading stamp S is never older than S, so an entry
/// never serves a request that read a later stamp; there is no time-to-live and no revocation delay.
/// </para>
/// </remarks>
public sealed class ConfigurationStamp(IIdPDbContext db)
{
    // Saves of configuration rows per context (the server's SaveChanges interceptor counts them): a request that changes
    // configuration and then reads it reads the stamp again, so it never gets a copy kept under the stamp before its
    // own change.
    private static readonly ConditionalWeakTable<object, StrongBox<long>> Saves = new();

    private long? _current;
    private long _savesWhenRead;

    /// <summary>The stamp this request read (the database is asked on the first call, and again after this request saved configuration).</summary>
    /// <remarks>
    /// Null inside a database transaction: rows the transaction wrote are not committed yet, and the stamp it sees may
    /// still be rolled back and then reused by another change, so nothing may be filed under it or taken from a cache;
    /// callers read the database directly (<see cref="StampedCache{TKey, TValue}"/> does so for a null stamp).
    /// </remarks>
    public async ValueTask<long?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var saves = SavesOf(db);
        if (_current is { } current && saves == _savesWhenRead)
        {
            return current;
        }

        var read = await db.ConfigurationStamps.AsNoTracking()
            .Where(s => s.Id == ConfigurationStampRow.OnlyId)
            .Select(s => s.Version)
            .FirstOrDefaultAsync(cancellationToken);
        _current = read;
        _savesWhenRead = saves;
        return read;
    }

    /// <summary>
    /// Notes that <paramref name="context"/> saved rows of a configuration table (called by the server's SaveChanges
    /// interceptor), so the stamp its requests read before the save is read again. Writes that bypass SaveChanges
    /// (bulk updates, raw SQL) move the stamp in the database as well, but a request that makes them and then reads
    /// the same configuration through a cache calls <see cref="Forget"/> itself.
    /// </summary>
    public static void Saved(object context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref Saves.GetValue(context, static _ => new StrongBox<long>()).Value);
    }

    private static long SavesOf(object context) => Saves.TryGetValue(context, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>
    /// Forgets the stamp read in this scope, so the next <see cref="CurrentAsync"/> asks the database again: for a scope
    /// that outlives one request's view (a background job, a CLI command that changes configuration and then reads it).
    /// </summary>
    public void Forget() => _current = null;
}
