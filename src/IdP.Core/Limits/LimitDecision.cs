namespace IdP.Core.Limits;

/// <summary>The answer of an abuse limit to one request.</summary>
public abstract record LimitDecision
{
    private LimitDecision()
    {
    }

    /// <summary>Under the limit.</summary>
    public sealed record Allowed : LimitDecision;

    /// <summary>Over the limit for the client's address or network: refused until the window ends, <see cref="RetryAfter"/> from now.</summary>
    public sealed record Throttled(AbuseLimit Limit, LimitScope Scope, TimeSpan RetryAfter) : LimitDecision
    {
        /// <summary>Whole seconds to wait, at least one: the value of a <c>Retry-After</c> header.</summary>
        public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
    }
}

/// <summary>Which of a client's counters is over its limit.</summary>
public enum LimitScope
{
    /// <summary>The client's own address.</summary>
    Address,

    /// <summary>The client's network (/24, /64).</summary>
    Network,
}
