using IdP.Core.Limits;

namespace IdP.Core.Tests.Limits;

public sealed class AbuseLimitOptionsTests
{
    private readonly AbuseLimitOptionsValidator _validator = new();

    [Fact]
    public void The_shipped_limits_are_valid() => Assert.True(_validator.Validate(null, new AbuseLimitOptions()).Succeeded);

    [Fact]
    public void Every_limit_has_a_rule() =>
        Assert.All(Enum.GetValues<AbuseLimit>(), limit => Assert.NotNull(new AbuseLimitOptions().RuleFor(limit)));

    [Theory]
    [InlineData(0, 10, 60)]
    [InlineData(10, 5, 60)]
    [InlineData(10, 10, 0)]
    [InlineData(10, 10, 86_401)]
    public void A_rule_that_cannot_work_stops_start_up_naming_the_setting(int perAddress, int perNetwork, int windowSeconds)
    {
        var options = new AbuseLimitOptions { SignInAttempts = LimitRule.Of(perAddress, perNetwork, TimeSpan.FromSeconds(windowSeconds)) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("IdP:Limits:SignInAttempts:", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_are_fixed_and_aligned_to_their_length()
    {
        var (start, end) = AbuseLimiter.WindowAt(new DateTimeOffset(2030, 1, 7, 9, 14, 59, TimeSpan.Zero), TimeSpan.FromMinutes(15));

        Assert.Equal(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2030, 1, 7, 9, 15, 0, TimeSpan.Zero), end);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 5, 86_400)]
    public void A_rule_at_the_limits_themselves_works(int perAddress, int perNetwork, int windowSeconds) =>
        Assert.True(_validator.Validate(null, new AbuseLimitOptions { SignInAttempts = LimitRule.Of(perAddress, perNetwork, TimeSpan.FromSeconds(windowSeconds)) }).Succeeded);

    [Fact]
    public void Limits_are_on_unless_turned_off() => Assert.True(new AbuseLimitOptions().Enabled);
}
