namespace IdP.Core.PasswordReset;

/// <summary>
/// How long an address waits between codes. Normally the resend cooldown; after wrong entries, the wait doubles with
/// each dead code's worth of them in the last day (every <see cref="PasswordResetOptions.MaxAttempts"/> wrong entries,
/// whether they killed a code or were spread over codes replaced by new ones: 1 minute, 2, 4 … up to 6 hours), so an
/// attacker who burns codes guessing gets a few dozen guesses a day instead of the daily limit's worth, while someone
/// who mistyped a code a few times waits a minute.
/// </summary>
public static class ResendBackoff
{
    /// <summary>The wait after the first dead code.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(6);

    /// <summary>The wait before the next code to an address that had <paramref name="exhaustedCodes"/> dead codes in the last day.</summary>
    public static TimeSpan Wait(int exhaustedCodes, TimeSpan cooldown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exhaustedCodes);
        if (exhaustedCodes == 0)
        {
            return cooldown;
        }

        var backoff = TimeSpan.FromTicks((long)Math.Min(First.Ticks * Math.Pow(2, Math.Min(exhaustedCodes - 1, 30)), Max.Ticks));
        return backoff > cooldown ? backoff : cooldown;
    }
}
