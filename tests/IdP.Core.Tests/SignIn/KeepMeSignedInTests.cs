namespace IdP.Core.Tests.SignIn;

/// <summary>
/// "Keep me signed in": who gets a kept session, and how long a session signs the user in, kept or not, on flows with
/// and without KMSI, rolling and absolute (the clock is moved, not waited for).
/// </summary>
public sealed class KeepMeSignedInTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_session_is_kept_for_the_flows_days_only_when_the_user_chose_it_on_a_sign_in_flow_that_offers_it()
    {
        Assert.Equal(TimeSpan.FromDays(12), KeepMeSignedIn.KeepFor(Flow(kmsi: true, days: 12), chose: true));
        Assert.Null(KeepMeSignedIn.KeepFor(Flow(kmsi: true, days: 12), chose: false));
        Assert.Null(KeepMeSignedIn.KeepFor(Flow(kmsi: false), chose: true));
        Assert.Null(KeepMeSignedIn.KeepFor(Flow(kmsi: true, type: UserFlowType.PasswordReset), chose: true));
    }

    [Fact]
    public void A_kept_session_on_a_rolling_KMSI_flow_lasts_its_days_from_its_last_use_past_the_web_app_lifetime()
    {
        var flow = Flow(kmsi: true, days: 3, timeout: SessionTimeout.Rolling);
        var signedIn = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromDays(2));
        var lastSeen = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromDays(3));
        Assert.True(KeepMeSignedIn.StillSignsIn(flow, signedIn, lastSeen, TimeSpan.FromDays(3), _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(KeepMeSignedIn.StillSignsIn(flow, signedIn, lastSeen, TimeSpan.FromDays(3), _clock.GetUtcNow()));
    }

    [Fact]
    public void A_kept_session_on_an_absolute_KMSI_flow_ends_its_days_after_sign_in_however_recently_used()
    {
        var flow = Flow(kmsi: true, days: 3, timeout: SessionTimeout.Absolute);
        var signedIn = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromDays(3));
        Assert.True(KeepMeSignedIn.StillSignsIn(flow, signedIn, _clock.GetUtcNow(), TimeSpan.FromDays(3), _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(KeepMeSignedIn.StillSignsIn(flow, signedIn, _clock.GetUtcNow(), TimeSpan.FromDays(3), _clock.GetUtcNow()));
    }

    [Fact]
    public void A_browser_session_and_a_kept_one_on_a_flow_without_KMSI_get_the_web_app_lifetime()
    {
        var kmsiFlow = Flow(kmsi: true, days: 3);
        var plainFlow = Flow(kmsi: false);
        var signedIn = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromMinutes(16));

        Assert.False(KeepMeSignedIn.StillSignsIn(kmsiFlow, signedIn, signedIn, keptFor: null, _clock.GetUtcNow()));
        Assert.False(KeepMeSignedIn.StillSignsIn(plainFlow, signedIn, signedIn, TimeSpan.FromDays(3), _clock.GetUtcNow()));
        Assert.True(KeepMeSignedIn.StillSignsIn(kmsiFlow, signedIn, signedIn, TimeSpan.FromDays(3), _clock.GetUtcNow()));
    }

    [Fact]
    public void The_audit_details_say_whether_the_box_was_ticked_on_a_flow_that_offers_it_and_nothing_elsewhere()
    {
        Assert.Equal("keep me signed in: yes (12 days)", KeepMeSignedIn.AuditDetails(Flow(kmsi: true, days: 12), TimeSpan.FromDays(12)));
        Assert.Equal("keep me signed in: no", KeepMeSignedIn.AuditDetails(Flow(kmsi: true, days: 12), keptFor: null));
        Assert.Null(KeepMeSignedIn.AuditDetails(Flow(kmsi: false), keptFor: null));
    }

    /// <summary>A flow with a 15-minute web app session.</summary>
    private static UserFlow Flow(bool kmsi, int days = 30, SessionTimeout timeout = SessionTimeout.Rolling, UserFlowType type = UserFlowType.SignIn) => new()
    {
        Name = "B2C_1_kmsi",
        NormalizedName = "B2C_1_KMSI",
        Type = type,
        SessionLifetimeMinutes = 15,
        SessionTimeout = timeout,
        KeepMeSignedIn = kmsi,
        KeepMeSignedInDays = days,
    };
}
