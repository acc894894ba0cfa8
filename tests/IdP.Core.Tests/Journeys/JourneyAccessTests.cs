namespace IdP.Core.Tests.Journeys;

public sealed class JourneyAccessTests
{
    private const string Browser = "binding-secret-of-the-browser";
    private const string Request = "fingerprint-of-the-request";
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public void A_journey_serves_its_browser_until_an_hour_after_it_started()
    {
        var journey = Journeys.Started(Start, new SignInOptions(), Browser, Request);

        _clock.Advance(TimeSpan.FromHours(1) - Tick);
        Assert.IsType<JourneyAccess.Granted>(Decide(journey, Browser, Request));

        _clock.Advance(Tick);
        Assert.IsType<JourneyAccess.Expired>(Decide(journey, Browser, Request));
    }

    [Fact]
    public void The_journey_lifetime_comes_from_the_options()
    {
        var journey = Journeys.Started(Start, new SignInOptions { JourneyLifetime = TimeSpan.FromMinutes(5) }, Browser, Request);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<JourneyAccess.Expired>(Decide(journey, Browser, null));
    }

    [Fact]
    public void Another_browser_cannot_use_the_journey() =>
        Assert.IsType<JourneyAccess.OtherBrowser>(Decide(Journeys.Started(Start, new SignInOptions(), Browser, Request), "another-browser", Request));

    [Fact]
    public void Another_request_from_the_same_browser_does_not_complete_the_journey() =>
        Assert.IsType<JourneyAccess.NotThisRequest>(Decide(Journeys.Started(Start, new SignInOptions(), Browser, Request), Browser, "another-request"));

    [Fact]
    public void The_pages_need_only_the_browser_not_the_request() =>
        Assert.IsType<JourneyAccess.Granted>(Decide(Journeys.Started(Start, new SignInOptions(), Browser, Request), Browser, null));

    [Fact]
    public void An_expired_journey_serves_nobody_not_even_its_own_browser_and_request()
    {
        var journey = Journeys.Started(Start, new SignInOptions(), Browser, Request);
        _clock.Advance(TimeSpan.FromDays(1));

        Assert.IsType<JourneyAccess.Expired>(Decide(journey, Browser, Request));
    }

    [Fact]
    public void A_journey_nobody_acted_on_lives_fifteen_minutes() =>
        Assert.Equal(Start.AddMinutes(15), JourneyAccess.UnattendedExpiresAt(Start, new SignInOptions()));

    [Fact]
    public void A_journey_nobody_acted_on_never_outlives_the_journey_lifetime() =>
        Assert.Equal(
            Start.AddMinutes(10),
            JourneyAccess.UnattendedExpiresAt(Start, new SignInOptions { JourneyLifetime = TimeSpan.FromMinutes(10), UnattendedJourneyLifetime = TimeSpan.FromMinutes(30) }));

    private JourneyAccess Decide(AuthorizationJourney journey, string browser, string? request) =>
        JourneyAccess.Decide(journey, browser, request, _clock.GetUtcNow());
}
