using IdP.Core.Telemetry;

namespace IdP.Core.Limits;

/// <summary>
/// Per-client abuse limits, counted in the database so every node shares them: each <see cref="AbuseLimit"/> counts
/// hits per client address and per client network in fixed windows (<see cref="AbuseLimitOptions"/>). Refused hits still
/// count against the address (not its network), so a client that keeps flooding stays refused until the window ends. A window's
/// counts start afresh at its end, so across a boundary a client can make up to twice a limit in a short time: the
/// limits bound floods, they are not exact quotas.
/// </summary>
public sealed class AbuseLimiter(RateLimitStore store, TimeProvider time, IOptionsMonitor<AbuseLimitOptions> options, IdPMetrics metrics, ILogger<AbuseLimiter> logger)
{
    /// <summary>Counts one hit of <paramref name="limit"/> for <paramref name="client"/>; throttled when it goes over.</summary>
    public async Task<LimitDecision> HitAsync(AbuseLimit limit, ClientNetwork client, CancellationToken cancellationToken)
    {
        if (WindowOf(limit, client) is not { } window)
        {
            return new LimitDecision.Allowed();
        }

        // One statement for both counters. An address already over its own limit does not use up its network's: its
        // neighbours behind the same NAT keep their share (the store counts the network only while the address is not over).
        var rule = window.Rule;
        var (byAddress, byNetwork) = await store.IncrementAsync(window.AddressKey, window.NetworkKey, rule.PerAddress, window.End, cancellationToken);
        var decision = window.Decide(byAddress, byNetwork, allowedUpTo: 0);
        if (decision is LimitDecision.Throttled throttled)
        {
            metrics.LimitHit(limit.ToString());

            // The hit that goes over is a warning (one per client and window); the ones after it are information.
            var first = throttled.Scope == LimitScope.Address ? byAddress == rule.PerAddress + 1 : byNetwork == rule.PerNetwork + 1;
            if (first)
            {
                Log.LimitReached(logger, limit, throttled.Scope, client.Address, client.Network, throttled.RetryAfterSeconds);
            }
            else
            {
                Log.Throttled(logger, limit, throttled.Scope, client.Address);
            }
        }

        return decision;
    }

    /// <summary>
    /// Whether <paramref name="client"/> has already used up <paramref name="limit"/> in this window, without counting:
    /// for limits that count failures only (a right admin secret is not held against anyone, but after too many wrong
    /// ones even the right one is refused until the window ends).
    /// </summary>
    public async Task<LimitDecision> CheckAsync(AbuseLimit limit, ClientNetwork client, CancellationToken cancellationToken)
    {
        if (WindowOf(limit, client) is not { } window)
        {
            return new LimitDecision.Allowed();
        }

        var (byAddress, byNetwork) = await store.ReadAsync(window.AddressKey, window.NetworkKey, cancellationToken);
        var decision = window.Decide(byAddress, byNetwork, allowedUpTo: -1);
        if (decision is LimitDecision.Throttled throttled)
        {
            metrics.LimitHit(limit.ToString());
            Log.Throttled(logger, limit, throttled.Scope, client.Address);
        }

        return decision;
    }

    /// <summary>The fixed window <paramref name="now"/> falls in: windows start at multiples of their length since 0001-01-01.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) WindowAt(DateTimeOffset now, TimeSpan window)
    {
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        return (start, start + window);
    }

    /// <summary>The rule and current window of <paramref name="limit"/> for <paramref name="client"/>; null while limits are off.</summary>
    private LimitWindow? WindowOf(AbuseLimit limit, ClientNetwork client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return null;
        }

        var rule = settings.RuleFor(limit);
        var now = time.UtcNow();
        var (start, end) = WindowAt(now, rule.Window);
        return new(limit, rule, end, end - now, Key(limit, LimitScope.Address, client.Address, start), Key(limit, LimitScope.Network, client.Network, start));
    }

    /// <summary>One client's counters of one limit in the window that ends at <see cref="End"/>.</summary>
    private sealed record LimitWindow(AbuseLimit Limit, LimitRule Rule, DateTimeOffset End, TimeSpan RetryAfter, string AddressKey, string NetworkKey)
    {
        // allowedUpTo 0: the counts include this hit (over when above the limit); -1: they do not (over when at the limit).
        public LimitDecision Decide(int byAddress, int byNetwork, int allowedUpTo) =>
            byAddress > Rule.PerAddress + allowedUpTo ? new LimitDecision.Throttled(Limit, LimitScope.Address, RetryAfter)
            : byNetwork > Rule.PerNetwork + allowedUpTo ? new LimitDecision.Throttled(Limit, LimitScope.Network, RetryAfter)
            : new LimitDecision.Allowed();
    }

    private static string Key(AbuseLimit limit, LimitScope scope, string client, DateTimeOffset windowStart) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{limit}|{scope}|{client}|{windowStart.UtcTicks}")));
}
