namespace IdP.Core.Tests.PasswordReset;

public sealed class ResendBackoffTests
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);

    [Fact]
    public void Without_dead_codes_the_wait_is_the_cooldown() => Assert.Equal(Cooldown, ResendBackoff.Wait(0, Cooldown));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    public void Each_dead_code_doubles_the_wait_from_a_minute(int exhausted, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ResendBackoff.Wait(exhausted, Cooldown));

    [Theory]
    [InlineData(10)]
    [InlineData(500)]
    public void The_wait_never_exceeds_six_hours(int exhausted) => Assert.Equal(TimeSpan.FromHours(6), ResendBackoff.Wait(exhausted, Cooldown));

    [Fact]
    public void A_longer_configured_cooldown_still_applies() =>
        Assert.Equal(TimeSpan.FromMinutes(10), ResendBackoff.Wait(1, TimeSpan.FromMinutes(10)));
}
