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
    private long? _current;

    /// <summary>The stamp this request read (the database is asked on the first call only).</summary>
    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            return current;
        }

        var read = await db.ConfigurationStamps.AsNoTracking()
            .Where(s => s.Id == ConfigurationStampRow.OnlyId)
            .Select(s => s.Version)
            .FirstOrDefaultAsync(cancellationToken);
        _current = read;
        return read;
    }

    /// <summary>
    /// Forgets the stamp read in this scope, so the next <see cref="CurrentAsync"/> asks the database again: for a scope
    /// that outlives one request's view (a background job, a CLI command that changes configuration and then reads it).
    /// </summary>
    public void Forget() => _current = null;
}
