using IdP.Core.Email;

namespace IdP.Core.Tests.Email;

public sealed class OutboxRetryTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(8, 1920)]
    public void Each_failure_doubles_the_wait(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxRetry.DelayAfter(attempts, First, Max));

    [Theory]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void The_wait_never_exceeds_the_ceiling(int attempts) => Assert.Equal(Max, OutboxRetry.DelayAfter(attempts, First, Max));

    [Fact]
    public void There_is_no_wait_before_the_first_attempt() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxRetry.DelayAfter(0, First, Max));

    [Theory]
    [InlineData(9, 10, false)]
    [InlineData(10, 10, true)]
    [InlineData(11, 10, true)]
    public void A_message_fails_for_good_after_its_last_attempt(int attempts, int max, bool exhausted) =>
        Assert.Equal(exhausted, OutboxRetry.IsExhausted(attempts, max));
}
