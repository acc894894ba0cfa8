namespace IdP.Core.Tests.SignIn;

public sealed class SignInLockoutTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly SignInLockout B2CDefaults = SignInLockout.From(new SignInOptions());

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly NameCounter _name;

    public SignInLockoutTests() => _name = new NameCounter(B2CDefaults, _clock);

    [Fact]
    public void Nine_wrong_passwords_are_only_counted()
    {
        for (var i = 0; i < 9; i++)
        {
            Assert.IsType<FailureVerdict.Wrong>(_name.WrongPassword());
        }
    }

    [Fact]
    public void The_tenth_wrong_password_locks_the_name_for_one_minute() =>
        Assert.Equal(new FailureVerdict.LockNow(Start.AddMinutes(1), TimeSpan.FromMinutes(1)), _name.WrongPasswords(10));

    [Fact]
    public void A_lock_holds_until_its_last_tick_and_ends_at_its_instant()
    {
        _name.WrongPasswords(10);

        _clock.Advance(TimeSpan.FromMinutes(1) - Tick);
        Assert.Equal(new FailureVerdict.Locked(Start.AddMinutes(1)), _name.WrongPassword());
        Assert.False(_name.RightPassword());

        _clock.Advance(Tick);
        Assert.True(_name.RightPassword());
    }

    [Fact]
    public void Wrong_passwords_during_a_lock_are_not_counted_towards_the_next()
    {
        _name.WrongPasswords(10);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<FailureVerdict.Locked>(_name.WrongPasswords(25));

        _clock.SetUtcNow(Start.AddMinutes(1));
        Assert.IsType<FailureVerdict.Wrong>(_name.WrongPasswords(9));
        Assert.Equal(new FailureVerdict.LockNow(Start.AddMinutes(3), TimeSpan.FromMinutes(2)), _name.WrongPassword());
    }

    [Fact]
    public void Each_lockout_doubles_from_one_minute_up_to_five_hours()
    {
        foreach (var minutes in new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 })
        {
            var duration = TimeSpan.FromMinutes(minutes);
            Assert.Equal(new FailureVerdict.LockNow(_clock.GetUtcNow() + duration, duration), _name.WrongPasswords(10));
            _clock.Advance(duration);
        }
    }

    [Fact]
    public void A_right_password_before_the_limit_starts_the_count_again()
    {
        _name.WrongPasswords(9);
        Assert.True(_name.RightPassword());

        Assert.IsType<FailureVerdict.Wrong>(_name.WrongPasswords(9));
    }

    [Fact]
    public void A_right_password_after_a_lock_ends_forgets_the_doubling()
    {
        _name.WrongPasswords(10);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(_name.RightPassword());

        Assert.Equal(new FailureVerdict.LockNow(_clock.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1)), _name.WrongPasswords(10));
    }

    [Fact]
    public void A_failure_counted_just_after_a_right_password_cleared_the_counter_is_only_wrong() =>
        Assert.IsType<FailureVerdict.Wrong>(B2CDefaults.AfterFailure(null, Start));

    [Fact]
    public void A_counter_a_parallel_failure_locked_answers_locked()
    {
        var counter = new SignInThrottle { KeyHash = "name", FailedCount = 0, LockoutCount = 1, LockedUntil = Start.AddMinutes(1) };

        Assert.Equal(new FailureVerdict.Locked(Start.AddMinutes(1)), B2CDefaults.AfterFailure(counter, Start));
    }

    [Fact]
    public void A_counter_at_the_limit_after_its_lock_ended_locks_again_for_longer()
    {
        var counter = new SignInThrottle { KeyHash = "name", FailedCount = 10, LockoutCount = 2, LockedUntil = Start };

        Assert.Equal(new FailureVerdict.LockNow(Start.AddMinutes(4), TimeSpan.FromMinutes(4)), B2CDefaults.AfterFailure(counter, Start));
    }

    [Fact]
    public void The_limit_comes_from_the_options()
    {
        var name = new NameCounter(SignInLockout.From(new SignInOptions { MaxFailedAttempts = 3 }), _clock);

        Assert.IsType<FailureVerdict.Wrong>(name.WrongPasswords(2));
        Assert.IsType<FailureVerdict.LockNow>(name.WrongPassword());
    }
}
