namespace IdP.Core.Tests.SignIn;

/// <summary>
/// One sign-in name's counter, changed as the sign-in service's statements change it: a wrong password counts only
/// while no lock stands, the failure that reaches the limit locks (count back to zero, one more lockout), and a right
/// password clears the counter only while no lock stands.
/// </summary>
internal sealed class NameCounter(SignInLockout lockout, FakeTimeProvider clock)
{
    private SignInThrottle? _row;

    /// <summary>A wrong password now, and what it is answered.</summary>
    public FailureVerdict WrongPassword()
    {
        var now = clock.GetUtcNow();
        if (SignInLockout.LockedUntil(_row, now) is { } standing)
        {
            return new FailureVerdict.Locked(standing);
        }

        _row ??= new SignInThrottle { KeyHash = "name" };
        _row.FailedCount++;
        var verdict = lockout.AfterFailure(_row, now);
        if (verdict is FailureVerdict.LockNow(var until, _))
        {
            _row.FailedCount = 0;
            _row.LockoutCount++;
            _row.LockedUntil = until;
        }

        return verdict;
    }

    /// <summary>A right password now: true when it signs in (and clears the counter), false while a lock stands.</summary>
    public bool RightPassword()
    {
        if (SignInLockout.LockedUntil(_row, clock.GetUtcNow()) is not null)
        {
            return false;
        }

        _row = null;
        return true;
    }

    /// <summary><paramref name="count"/> wrong passwords in a row; the answer to the last.</summary>
    public FailureVerdict WrongPasswords(int count)
    {
        FailureVerdict last = new FailureVerdict.Wrong();
        for (var i = 0; i < count; i++)
        {
            last = WrongPassword();
        }

        return last;
    }
}
