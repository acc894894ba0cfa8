using System.Collections.Concurrent;

namespace IdP.Server.Protocol;

/// <summary>
/// The tenant and the user flows as the token endpoint reads them, kept in memory for a few seconds: without it every
/// client-credentials and refresh grant read both rows from the database (issue 16: two of the nine to twelve
/// statements of a grant). The same rules as <see cref="ProtocolDocumentCache"/>: a save of a flow or the tenant on
/// this node (<see cref="ConfigurationVersion"/>) drops every copy at once, another node's save shows within
/// <see cref="TimeToLive"/>. Only the token endpoint uses it: what a grant reads from the flow (lifetimes, claims,
/// issuer form) may lag another node's change by seconds, as discovery does, while the pages (the tenant's reset
/// switch, the flow's sign-in settings) keep reading fresh rows on every request. Unknown names are not kept.
/// </summary>
public sealed class TokenRequestConfigurationCache(ConfigurationVersion configuration, TimeProvider time)
{
    /// <summary>How long another node's change to a flow or the tenant may take to reach this node's token endpoint.</summary>
    public static readonly TimeSpan TimeToLive = ProtocolDocumentCache.TimeToLive;

    // Flow names are a handful per deployment; the bound only stops a stream of odd names from growing memory.
    private const int MaxFlows = 256;

    private readonly ConcurrentDictionary<string, Entry<UserFlow>> _flows = new(StringComparer.Ordinal);
    private Entry<Tenant>? _tenant;

    /// <summary>The tenant when <paramref name="segment"/> names it, from memory while fresh.</summary>
    public async Task<Tenant?> ResolveTenantAsync(TenantService tenants, string? segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        if (string.IsNullOrWhiteSpace(segment))
        {
            return null;
        }

        var version = configuration.Current;
        var now = time.GetUtcNow();
        var tenant = Volatile.Read(ref _tenant) is { } kept && kept.IsFresh(version, now) ? kept.Value : null;
        if (tenant is null)
        {
            tenant = await tenants.GetAsync(cancellationToken);
            if (tenant is not null)
            {
                Volatile.Write(ref _tenant, new Entry<Tenant>(tenant, version, now + TimeToLive));
            }
        }

        return tenant is not null && tenant.IsNamedBy(segment) ? tenant : null;
    }

    /// <summary>The flow named <paramref name="policy"/>, from memory while fresh.</summary>
    public async Task<UserFlow?> FindFlowAsync(UserFlowService flows, string? policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (!UserFlowName.LooksLikePolicy(policy))
        {
            return null;
        }

        var key = UserFlowName.Normalize(policy!);
        var version = configuration.Current;
        var now = time.GetUtcNow();
        if (_flows.TryGetValue(key, out var kept) && kept.IsFresh(version, now))
        {
            return kept.Value;
        }

        var flow = await flows.FindAsync(policy, cancellationToken);
        if (flow is null)
        {
            _flows.TryRemove(key, out _);
            return null;
        }

        if (_flows.Count >= MaxFlows && !_flows.ContainsKey(key))
        {
            _flows.Clear();
        }

        _flows[key] = new Entry<UserFlow>(flow, version, now + TimeToLive);

        return flow;
    }

    // The version read before the database read: a save that lands during the read bumps it, so the copy is never
    // kept under a version it does not belong to.
    private sealed record Entry<T>(T Value, long Version, DateTimeOffset Expires)
    {
        public bool IsFresh(long version, DateTimeOffset now) => Version == version && Expires > now;
    }
}
