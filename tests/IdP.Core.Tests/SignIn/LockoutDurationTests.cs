namespace IdP.Core.Tests.SignIn;

public sealed class LockoutDurationTests
{
    private static readonly SignInOptions B2CDefaults = new();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(8, 256)]
    public void Each_lockout_lasts_twice_as_long_as_the_one_before(int previousLockouts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInLockout.From(B2CDefaults).Duration(previousLockouts));

    [Theory]
    [InlineData(9)]
    [InlineData(20)]
    [InlineData(int.MaxValue)]
    public void Lockouts_grow_to_five_hours_and_no_further(int previousLockouts) =>
        Assert.Equal(TimeSpan.FromHours(5), SignInLockout.From(B2CDefaults).Duration(previousLockouts));

    [Fact]
    public void The_first_lockout_and_ceiling_come_from_the_options()
    {
        var options = new SignInOptions { FirstLockout = TimeSpan.FromSeconds(30), MaxLockout = TimeSpan.FromMinutes(2) };

        Assert.Equal(TimeSpan.FromSeconds(30), SignInLockout.From(options).Duration(0));
        Assert.Equal(TimeSpan.FromMinutes(1), SignInLockout.From(options).Duration(1));
        Assert.Equal(TimeSpan.FromMinutes(2), SignInLockout.From(options).Duration(3));
    }

    [Fact]
    public void B2Cs_defaults_are_ten_failures_and_a_one_minute_first_lockout()
    {
        Assert.Equal(10, B2CDefaults.MaxFailedAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), B2CDefaults.FirstLockout);
        Assert.Equal(TimeSpan.FromHours(5), B2CDefaults.MaxLockout);
    }
}
