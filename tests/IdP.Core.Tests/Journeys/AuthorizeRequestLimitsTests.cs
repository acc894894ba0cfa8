namespace IdP.Core.Tests.Journeys;

public sealed class AuthorizeRequestLimitsTests
{
    [Fact]
    public void A_replay_url_up_to_the_limit_fits() => Assert.True(AuthorizeRequestLimits.Fits(new string('a', AuthorizeRequestLimits.MaxLength)));

    [Fact]
    public void A_longer_replay_url_does_not_fit() => Assert.False(AuthorizeRequestLimits.Fits(new string('a', AuthorizeRequestLimits.MaxLength + 1)));

    [Fact]
    public void The_limit_leaves_room_for_tx_within_the_journey_column_and_an_8_KiB_request_line() =>
        Assert.InRange(AuthorizeRequestLimits.MaxLength + "&tx=".Length + 32 + "GET  HTTP/1.1".Length, 0, 8192 - 1024);
}
