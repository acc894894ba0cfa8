using Microsoft.Extensions.Caching.Memory;
using OpenIddict.EntityFrameworkCore;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict's application store, with its two lookups by key (client id, id; what the endpoints use) answered from
/// this node's <see cref="ProtocolEntityCache"/> while the <see cref="ConfigurationStamp"/> stands. Each request gets
/// its own copy of the snapshot, attached to its context as if loaded (unchanged): OpenIddict's token store finds it
/// there when it links a new token entry to the application, and an update through OpenIddict's manager works on it
/// as on a loaded entity (its concurrency token is the one the stamp's data had). An entity this context already
/// tracks is returned as it is, as OpenIddict's store does.
/// </summary>
internal sealed class StampedApplicationStore(
    IMemoryCache memory,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    ConfigurationStamp stamp,
    ProtocolEntityCache cache) : OpenIddictEntityFrameworkCoreApplicationStore(memory, context, options)
{
    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync(identifier, a => a.ClientId, cache.ApplicationsByClientId, base.FindByClientIdAsync, cancellationToken);

    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync(identifier, a => a.Id, cache.ApplicationsById, base.FindByIdAsync, cancellationToken);

    /// <summary>
    /// The application whose <paramref name="key"/> is <paramref name="identifier"/>: the one this context tracks, else a
    /// copy of the snapshot kept under the current stamp, else loaded by OpenIddict's store and its snapshot kept.
    /// </summary>
    private async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindAsync(
        string identifier,
        Func<OpenIddictEntityFrameworkCoreApplication, string?> key,
        StampedCache<string, OpenIddictEntityFrameworkCoreApplication> snapshots,
        Func<string, CancellationToken, ValueTask<OpenIddictEntityFrameworkCoreApplication?>> load,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        var db = await Context.GetDbContextAsync(cancellationToken);
        if (Tracked(db, a => string.Equals(key(a), identifier, StringComparison.Ordinal)) is { } tracked)
        {
            return tracked;
        }

        var current = await stamp.CurrentAsync(cancellationToken);
        if (snapshots.TryGet(current, identifier, out var kept))
        {
            return Attach(db, kept);
        }

        var loaded = await load(identifier, cancellationToken);
        snapshots.Set(current, identifier, loaded is null ? null : ProtocolEntityCache.Copy(loaded));
        return loaded;
    }

    private static OpenIddictEntityFrameworkCoreApplication? Tracked(DbContext db, Func<OpenIddictEntityFrameworkCoreApplication, bool> match) =>
        db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreApplication>().Select(e => e.Entity).FirstOrDefault(match);

    private static OpenIddictEntityFrameworkCoreApplication? Attach(DbContext db, OpenIddictEntityFrameworkCoreApplication? kept)
    {
        if (kept is null)
        {
            return null;
        }

        // The other lookup may have attached this application already (by client id, then by id).
        if (Tracked(db, a => string.Equals(a.Id, kept.Id, StringComparison.Ordinal)) is { } tracked)
        {
            return tracked;
        }

        var copy = ProtocolEntityCache.Copy(kept);
        db.Attach(copy);
        return copy;
    }
}
