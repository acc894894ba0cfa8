namespace IdP.Core.PasswordReset;

/// <summary>
/// When one address may be sent another code: outside the cooldown (lengthened by <see cref="ResendBackoff"/> after
/// codes that died of wrong entries) and under the hourly and daily counts. Arithmetic only, over what the reset service
/// has read; the service keeps the parts that must be atomic (the send slot's conditional update, its row lock) in the
/// database, comparing with the values this type computes.
/// </summary>
/// <param name="MaxCodesPerHour">Codes one address may get in any hour.</param>
/// <param name="MaxCodesPerDay">Codes one address may get in any 24 hours.</param>
/// <param name="Cooldown">The wait between two codes to one address, before any back-off.</param>
public sealed record ResetCodeWindow(int MaxCodesPerHour, int MaxCodesPerDay, TimeSpan Cooldown)
{
    /// <summary>How far back sends and dead codes count: the daily window, the longest of them.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The window <paramref name="options"/> configure.</summary>
    public static ResetCodeWindow From(PasswordResetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MaxCodesPerHour, options.MaxCodesPerDay, options.ResendCooldown);
    }

    /// <summary>
    /// Wrong entries to one address in the last day as the back-off counts them: every <paramref name="maxAttempts"/>
    /// wrong entries, in one code or spread over codes that newer ones replaced, weigh as one code killed by wrong
    /// entries. (Counting only killed codes let a guesser stop one entry short and ask for a new code: 20 codes × 4
    /// guesses a day, no back-off.)
    /// </summary>
    public static int DeadCodeEquivalents(int wrongEntries, int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wrongEntries);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return wrongEntries / maxAttempts;
    }

    /// <summary>Sends (and dead codes) made after this instant count at <paramref name="now"/>; older ones count for nothing.</summary>
    public static DateTimeOffset CountsAfter(DateTimeOffset now) => now - Lookback;

    /// <summary>
    /// The latest last send that leaves the address free to get a code at <paramref name="now"/>, after
    /// <paramref name="deadCodes"/> codes died of wrong entries in the last day.
    /// </summary>
    public DateTimeOffset FreeIfLastSentBy(DateTimeOffset now, int deadCodes) => now - ResendBackoff.Wait(deadCodes, Cooldown);

    /// <summary>The cooldown's answer for an address last sent a code at <paramref name="lastSentAt"/> (null: never).</summary>
    public SendDecision CheckCooldown(DateTimeOffset? lastSentAt, int deadCodes, DateTimeOffset now) =>
        // The same comparison as the send slot's conditional update (LastSentAt <= cutoff), seen from the other side.
        lastSentAt is { } last && last > FreeIfLastSentBy(now, deadCodes)
            ? new SendDecision.CoolingDown(last + ResendBackoff.Wait(deadCodes, Cooldown))
            : new SendDecision.Allowed();

    /// <summary>The hourly and daily counts' answer, from the times codes were sent to the address.</summary>
    public SendDecision CheckCounts(IEnumerable<DateTimeOffset> sentAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sentAt);
        var counted = sentAt.Where(at => at > CountsAfter(now)).Order().ToList();
        var daily = FreedAt(counted, MaxCodesPerDay, Lookback);
        var hourly = FreedAt(counted.Where(at => at > now - Hour).ToList(), MaxCodesPerHour, Hour);

        // When both counts are full, the address waits for the later of the two.
        return (daily, hourly) switch
        {
            (null, null) => new SendDecision.Allowed(),
            ({ } day, { } hour) when hour > day => new SendDecision.Throttled(SendLimit.Hourly, hour),
            ({ } day, _) => new SendDecision.Throttled(SendLimit.Daily, day),
            (null, { } hour) => new SendDecision.Throttled(SendLimit.Hourly, hour),
        };
    }

    /// <summary>
    /// When a full count drops below <paramref name="max"/>: once enough of the oldest sends leave the window that
    /// max - 1 remain. Null when the count is not full.
    /// </summary>
    private static DateTimeOffset? FreedAt(List<DateTimeOffset> ordered, int max, TimeSpan window) =>
        ordered.Count < max ? null : ordered[ordered.Count - max] + window;
}
