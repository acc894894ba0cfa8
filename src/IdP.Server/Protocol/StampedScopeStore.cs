using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.EntityFrameworkCore;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict's scope store, with the lookup by names (the token endpoint's check of the requested scopes and the
/// granted scopes' resources) answered from this node's <see cref="ProtocolEntityCache"/> while the
/// <see cref="ConfigurationStamp"/> stands. Each request gets its own copies, attached to its context (unchanged), or
/// the entity its context already tracks.
/// </summary>
internal sealed class StampedScopeStore(
    IMemoryCache memory,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    ConfigurationStamp stamp,
    ProtocolEntityCache cache) : OpenIddictEntityFrameworkCoreScopeStore(memory, context, options)
{
    public override async IAsyncEnumerable<OpenIddictEntityFrameworkCoreScope> FindByNamesAsync(ImmutableArray<string> names, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Scope names hold no spaces (RFC 6749 section 3.3), so joined by one they name the set unambiguously.
        var key = string.Join(' ', names);
        var current = await stamp.CurrentAsync(cancellationToken);
        if (!cache.ScopesByNames.TryGet(current, key, out var kept) || kept is null)
        {
            var loaded = new List<OpenIddictEntityFrameworkCoreScope>();
            await foreach (var scope in base.FindByNamesAsync(names, cancellationToken))
            {
                loaded.Add(scope);
            }

            cache.ScopesByNames.Set(current, key, [.. loaded.Select(ProtocolEntityCache.Copy)]);
            foreach (var scope in loaded)
            {
                yield return scope;
            }

            yield break;
        }

        var db = await Context.GetDbContextAsync(cancellationToken);
        foreach (var scope in kept)
        {
            var tracked = db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreScope>().Select(e => e.Entity).FirstOrDefault(s => string.Equals(s.Id, scope.Id, StringComparison.Ordinal));
            if (tracked is null)
            {
                tracked = ProtocolEntityCache.Copy(scope);
                db.Attach(tracked);
            }

            yield return tracked;
        }
    }
}
