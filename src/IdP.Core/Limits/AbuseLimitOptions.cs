namespace IdP.Core.Limits;

/// <summary>
/// Bound from <c>IdP:Limits</c>: per-client limits counted in the database (so every node shares them), one
/// <see cref="LimitRule"/> per <see cref="AbuseLimit"/>. Validated at start-up by <see cref="AbuseLimitOptionsValidator"/>.
/// </summary>
public sealed class AbuseLimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "IdP:Limits";

    /// <summary>Switch every limit off (for a deployment whose proxy already limits; not recommended).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Authorize requests that start a journey: 30 a minute per address, 300 per network.</summary>
    public LimitRule JourneyStarts { get; set; } = LimitRule.Of(30, 300, TimeSpan.FromMinutes(1));

    /// <summary>Run now starts: 20 a minute per address, 100 per network.</summary>
    public LimitRule RunNowStarts { get; set; } = LimitRule.Of(20, 100, TimeSpan.FromMinutes(1));

    /// <summary>Sign-in posts: 30 per 15 minutes per address, 300 per network (lockout needs 10 per name).</summary>
    public LimitRule SignInAttempts { get; set; } = LimitRule.Of(30, 300, TimeSpan.FromMinutes(15));

    /// <summary>Reset codes sent, whatever the address: 10 an hour per address, 50 per network.</summary>
    public LimitRule ResetCodeSends { get; set; } = LimitRule.Of(10, 50, TimeSpan.FromHours(1));

    /// <summary>Reset code entries, whatever the address: 30 an hour per address, 150 per network.</summary>
    public LimitRule ResetCodeGuesses { get; set; } = LimitRule.Of(30, 150, TimeSpan.FromHours(1));

    /// <summary>Token requests: 300 a minute per address, 1,500 per network (app back ends call from few addresses).</summary>
    public LimitRule TokenRequests { get; set; } = LimitRule.Of(300, 1500, TimeSpan.FromMinutes(1));

    /// <summary>Failed admin credential checks: 10 per 15 minutes per address, 50 per network.</summary>
    public LimitRule AdminAuthentication { get; set; } = LimitRule.Of(10, 50, TimeSpan.FromMinutes(15));

    /// <summary>The rule for <paramref name="limit"/>.</summary>
    public LimitRule RuleFor(AbuseLimit limit) => limit switch
    {
        AbuseLimit.JourneyStarts => JourneyStarts,
        AbuseLimit.RunNowStarts => RunNowStarts,
        AbuseLimit.SignInAttempts => SignInAttempts,
        AbuseLimit.ResetCodeSends => ResetCodeSends,
        AbuseLimit.ResetCodeGuesses => ResetCodeGuesses,
        AbuseLimit.TokenRequests => TokenRequests,
        AbuseLimit.AdminAuthentication => AdminAuthentication,
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };
}
