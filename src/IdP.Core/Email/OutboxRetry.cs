namespace IdP.Core.Email;

/// <summary>When the outbox tries a message again after a failed attempt: exponential backoff with a ceiling.</summary>
public static class OutboxRetry
{
    /// <summary>
    /// The wait after failed attempt number <paramref name="attempts"/> (1 for the first failure): the first delay,
    /// doubled for each further failure, never more than <paramref name="maxDelay"/>.
    /// </summary>
    public static TimeSpan DelayAfter(int attempts, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var ticks = Math.Min(firstDelay.Ticks * factor, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>True when no attempt is left after <paramref name="attempts"/> failures: the message is marked failed.</summary>
    public static bool IsExhausted(int attempts, int maxAttempts) => attempts >= maxAttempts;
}
