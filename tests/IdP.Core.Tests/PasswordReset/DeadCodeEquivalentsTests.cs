namespace IdP.Core.Tests.PasswordReset;

public sealed class DeadCodeEquivalentsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(9, 1)]
    [InlineData(80, 16)]
    public void Every_five_wrong_entries_weigh_as_one_dead_code_whichever_codes_they_were_in(int wrongEntries, int deadCodes) =>
        Assert.Equal(deadCodes, ResetCodeWindow.DeadCodeEquivalents(wrongEntries, maxAttempts: 5));

    [Fact]
    public void Twenty_codes_with_four_wrong_entries_each_reach_the_longest_back_off() =>
        Assert.Equal(ResendBackoff.Max, ResendBackoff.Wait(ResetCodeWindow.DeadCodeEquivalents(20 * 4, 5), TimeSpan.FromSeconds(30)));
}
