using IdP.Core.Contract;

namespace IdP.Core.Tests.Journeys;

public sealed class JourneyCompletionTests
{
    private const string Stamp = "stamp-at-sign-in";
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Account _account = new() { Id = Guid.NewGuid(), SecurityStamp = Stamp };

    [Fact]
    public void A_journey_whose_account_stands_yields_its_sign_in_with_the_time_the_user_authenticated()
    {
        _clock.Advance(TimeSpan.FromMinutes(2));
        var journey = SignedIn();
        _clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(_account.Id, JourneyCompletion.AccountToCheck(journey));
        Assert.Equal(new JourneySignIn.Ready(_account, Start.AddMinutes(2)), JourneyCompletion.Decide(journey, new AccountCheck.Valid(_account)));
    }

    [Fact]
    public void A_journey_whose_account_is_gone_disabled_or_reset_since_is_stale()
    {
        foreach (var refusal in new[] { B2CError.AccountNoLongerExists, B2CError.AccountLocked, B2CError.GrantRevoked })
        {
            Assert.IsType<JourneySignIn.Stale>(JourneyCompletion.Decide(SignedIn(), new AccountCheck.Refused(refusal)));
        }
    }

    [Theory]
    [InlineData(JourneyStatus.Pending)]
    [InlineData(JourneyStatus.Cancelled)]
    [InlineData(JourneyStatus.ForgotPassword)]
    [InlineData(JourneyStatus.Completed)]
    public void A_journey_that_holds_no_sign_in_yields_none(JourneyStatus status)
    {
        var journey = SignedIn();
        journey.Status = status;

        Assert.Null(JourneyCompletion.AccountToCheck(journey));
        Assert.IsType<JourneySignIn.AlreadyCompleted>(JourneyCompletion.Decide(journey, new AccountCheck.Valid(_account)));
    }

    [Fact]
    public void A_journey_completes_once()
    {
        var journey = SignedIn();
        Assert.True(JourneyTransition.Allowed(journey.Status, JourneyStatus.Authenticated));

        // What the service saves when the authorize endpoint completes the journey.
        journey.Status = JourneyStatus.Completed;

        Assert.False(JourneyTransition.Allowed(journey.Status, JourneyStatus.Completed));
        Assert.IsType<JourneySignIn.AlreadyCompleted>(JourneyCompletion.Decide(journey, new AccountCheck.Valid(_account)));
    }

    [Theory]
    [InlineData(JourneyStatus.Authenticated)]
    [InlineData(JourneyStatus.Cancelled)]
    [InlineData(JourneyStatus.ForgotPassword)]
    public void A_finished_journey_cannot_be_finished_another_way(JourneyStatus finished) =>
        Assert.False(JourneyTransition.Allowed(finished, JourneyStatus.Pending));

    [Fact]
    public void A_pending_journey_may_be_finished() => Assert.True(JourneyTransition.Allowed(JourneyStatus.Pending, JourneyStatus.Pending));

    private AuthorizationJourney SignedIn() =>
        Journeys.Started(Start, new SignInOptions(), "browser", "request").Authenticated(_account.Id, Stamp, _clock.GetUtcNow());
}
