using System.Runtime.CompilerServices;
using OpenIddict.Core;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict's scope manager, answering the same set of names from its first read for the rest of the request. A
/// client-credentials grant asked for the same scopes three times (OpenIddict's check that they exist, our one-resource
/// rule, the token's audiences), each a database round trip (issue 16). The manager is scoped, so nothing outlives the
/// request; a scope created, changed or deleted through it drops what it kept.
/// </summary>
public sealed class IdPScopeManager<TScope>(
    IOpenIddictScopeCache<TScope> cache,
    ILogger<OpenIddictScopeManager<TScope>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictScopeStore<TScope> store)
    : OpenIddictScopeManager<TScope>(cache, logger, options, store)
    where TScope : class
{
    private readonly Dictionary<string, List<TScope>> _byNames = new(StringComparer.Ordinal);

    public override async IAsyncEnumerable<TScope> FindByNamesAsync(ImmutableArray<string> names, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Scope names hold no spaces (RFC 6749 section 3.3), so joined by one they name the set unambiguously.
        var key = string.Join(' ', names);
        if (!_byNames.TryGetValue(key, out var found))
        {
            found = [];
            await foreach (var scope in base.FindByNamesAsync(names, cancellationToken))
            {
                found.Add(scope);
            }

            _byNames[key] = found;
        }

        foreach (var scope in found)
        {
            yield return scope;
        }
    }

    public override ValueTask CreateAsync(TScope scope, CancellationToken cancellationToken = default)
    {
        _byNames.Clear();
        return base.CreateAsync(scope, cancellationToken);
    }

    public override ValueTask DeleteAsync(TScope scope, CancellationToken cancellationToken = default)
    {
        _byNames.Clear();
        return base.DeleteAsync(scope, cancellationToken);
    }

    public override ValueTask UpdateAsync(TScope scope, CancellationToken cancellationToken = default)
    {
        _byNames.Clear();
        return base.UpdateAsync(scope, cancellationToken);
    }
}
