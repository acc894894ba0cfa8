namespace IdP.Core.SignIn;

/// <summary>
/// Smart lockout arithmetic for one sign-in name's counter: when failures lock it, for how long, and whether a lock
/// stands. Decisions only: the sign-in service counts, locks and clears atomically in the database, comparing with what
/// this type decides, because checks for one name run in parallel on several nodes.
/// </summary>
/// <param name="MaxFailedAttempts">Wrong passwords in a row that lock a name.</param>
/// <param name="FirstLockout">Length of the first lockout.</param>
/// <param name="MaxLockout">The longest a lockout grows to.</param>
public sealed record SignInLockout(int MaxFailedAttempts, TimeSpan FirstLockout, TimeSpan MaxLockout)
{
    /// <summary>The lockout <paramref name="options"/> configure.</summary>
    public static SignInLockout From(SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MaxFailedAttempts, options.FirstLockout, options.MaxLockout);
    }

    /// <summary>When the lock on <paramref name="counter"/> ends, or null when none stands at <paramref name="now"/> (a lock ends at its instant).</summary>
    public static DateTimeOffset? LockedUntil(SignInThrottle? counter, DateTimeOffset now) =>
        counter?.LockedUntil is { } until && until > now ? until : null;

    /// <summary>First lockout lasts <see cref="FirstLockout"/>; each later one doubles, up to <see cref="MaxLockout"/>.</summary>
    public TimeSpan Duration(int previousLockouts)
    {
        // Capped before the power so a counter that kept growing cannot overflow the arithmetic.
        var factor = Math.Pow(2, Math.Min(previousLockouts, 20));
        var ticks = Math.Min(FirstLockout.Ticks * factor, MaxLockout.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The answer to a wrong password, from the name's counter as it stands once the failure is counted (null: cleared meanwhile).</summary>
    public FailureVerdict AfterFailure(SignInThrottle? counter, DateTimeOffset now)
    {
        if (LockedUntil(counter, now) is { } until)
        {
            return new FailureVerdict.Locked(until);
        }

        if (counter is null || counter.FailedCount < MaxFailedAttempts)
        {
            return new FailureVerdict.Wrong();
        }

        var duration = Duration(counter.LockoutCount);
        return new FailureVerdict.LockNow(now + duration, duration);
    }
}

/// <summary>What a wrong password leads to.</summary>
public abstract record FailureVerdict
{
    private FailureVerdict()
    {
    }

    /// <summary>Counted, under the limit: the page says the credentials are wrong.</summary>
    public sealed record Wrong : FailureVerdict;

    /// <summary>A lock already stands until <see cref="Until"/>.</summary>
    public sealed record Locked(DateTimeOffset Until) : FailureVerdict;

    /// <summary>This failure reached the limit: lock the name for <see cref="Duration"/>, until <see cref="Until"/>.</summary>
    public sealed record LockNow(DateTimeOffset Until, TimeSpan Duration) : FailureVerdict;
}
