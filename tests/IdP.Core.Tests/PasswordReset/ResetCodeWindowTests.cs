namespace IdP.Core.Tests.PasswordReset;

public sealed class ResetCodeWindowTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly PasswordResetOptions Defaults = new();

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AddressSends _address;

    public ResetCodeWindowTests() => _address = Sends(Defaults);

    [Fact]
    public void The_first_code_to_an_address_goes_at_once() => Assert.IsType<SendDecision.Allowed>(_address.Send());

    [Fact]
    public void A_second_code_waits_out_the_thirty_second_cooldown()
    {
        _address.Send();

        _clock.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.Equal(new SendDecision.CoolingDown(Start.AddSeconds(30)), _address.Send());

        _clock.Advance(Tick);
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Fact]
    public void An_eleventh_code_within_the_hour_waits_until_the_first_is_an_hour_old()
    {
        _address.SendEach(10, TimeSpan.FromSeconds(30));

        Assert.Equal(new SendDecision.Throttled(SendLimit.Hourly, Start.AddHours(1)), _address.Send());

        _clock.SetUtcNow(Start.AddHours(1) - Tick);
        Assert.IsType<SendDecision.Throttled>(_address.Send());

        _clock.SetUtcNow(Start.AddHours(1));
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Fact]
    public void A_twenty_first_code_within_a_day_waits_until_the_first_is_a_day_old()
    {
        _address.SendEach(10, TimeSpan.FromSeconds(30));
        _clock.SetUtcNow(Start.AddHours(1));
        _address.SendEach(10, TimeSpan.FromSeconds(30));
        _clock.SetUtcNow(Start.AddHours(2));

        Assert.Equal(new SendDecision.Throttled(SendLimit.Daily, Start.AddDays(1)), _address.Send());

        _clock.SetUtcNow(Start.AddDays(1) - Tick);
        Assert.IsType<SendDecision.Throttled>(_address.Send());

        _clock.SetUtcNow(Start.AddDays(1));
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Fact]
    public void A_full_day_frees_one_code_for_each_old_code_that_leaves_it()
    {
        _address.SendEach(10, TimeSpan.FromMinutes(1));
        _clock.SetUtcNow(Start.AddHours(2));
        _address.SendEach(10, TimeSpan.FromSeconds(30));
        _clock.SetUtcNow(Start.AddDays(1));
        Assert.IsType<SendDecision.Allowed>(_address.Send());

        // The first code left the day and made room for one; the second leaves it a minute later.
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new SendDecision.Throttled(SendLimit.Daily, Start.AddDays(1).AddMinutes(1)), _address.Send());

        _clock.SetUtcNow(Start.AddDays(1).AddMinutes(1));
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Fact]
    public void When_both_counts_are_full_the_address_waits_for_the_later()
    {
        var address = Sends(new PasswordResetOptions { MaxCodesPerHour = 2, MaxCodesPerDay = 3, ResendCooldownSeconds = 0 });
        address.Send();
        _clock.SetUtcNow(Start.AddHours(23.5));
        address.Send();
        _clock.SetUtcNow(Start.AddHours(23.75));
        address.Send();

        // The day frees at 24:00, but the hour not before 24:30.
        Assert.Equal(new SendDecision.Throttled(SendLimit.Hourly, Start.AddHours(24.5)), address.Send());

        _clock.SetUtcNow(Start.AddHours(24.5));
        Assert.IsType<SendDecision.Allowed>(address.Send());
    }

    [Fact]
    public void Five_wrong_entries_kill_a_code_and_the_next_code_waits_a_minute()
    {
        _address.Send();
        Assert.Equal(5, _address.KillLastByWrongEntries());

        _clock.SetUtcNow(Start.AddMinutes(1) - Tick);
        Assert.Equal(new SendDecision.CoolingDown(Start.AddMinutes(1)), _address.Send());

        _clock.SetUtcNow(Start.AddMinutes(1));
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Fact]
    public void Each_dead_code_doubles_the_wait_from_a_minute_to_six_hours()
    {
        foreach (var minutes in new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360 })
        {
            var sentAt = _clock.GetUtcNow();
            Assert.IsType<SendDecision.Allowed>(_address.Send());
            _address.KillLastByWrongEntries();

            _clock.Advance(TimeSpan.FromMinutes(minutes) - Tick);
            Assert.Equal(new SendDecision.CoolingDown(sentAt.AddMinutes(minutes)), _address.Send());
            _clock.Advance(Tick);
        }
    }

    [Fact]
    public void A_dead_code_stops_lengthening_the_wait_once_it_is_a_day_old()
    {
        _address.Send();
        _address.KillLastByWrongEntries();
        _clock.SetUtcNow(Start.AddDays(1));
        _address.Send();

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Fact]
    public void A_wrong_entry_that_leaves_the_code_alive_does_not_lengthen_the_wait()
    {
        _address.Send();
        Assert.IsType<VerifyCodeResult.Wrong>(CodeEntryRules.From(Defaults).AfterWrongEntry(1));

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<SendDecision.Allowed>(_address.Send());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void The_send_slot_frees_exactly_when_the_cooldown_ends(int deadCodes)
    {
        var window = ResetCodeWindow.From(Defaults);
        var cooling = Assert.IsType<SendDecision.CoolingDown>(window.CheckCooldown(Start, deadCodes, Start));

        // The service's conditional update lets a send through when LastSentAt <= this cutoff.
        Assert.Equal(Start, window.FreeIfLastSentBy(cooling.Until, deadCodes));
        Assert.True(window.FreeIfLastSentBy(cooling.Until - Tick, deadCodes) < Start);
    }

    [Fact]
    public void An_address_never_sent_a_code_has_no_cooldown() =>
        Assert.IsType<SendDecision.Allowed>(ResetCodeWindow.From(Defaults).CheckCooldown(null, 3, Start));

    [Fact]
    public void A_code_sent_exactly_a_day_ago_no_longer_counts()
    {
        // The counts filter what they are given the way the service's query does (SentAt > a day ago), so a send on the
        // window's edge does not keep a full day full.
        var window = new ResetCodeWindow(MaxCodesPerHour: 1, MaxCodesPerDay: 1, Cooldown: TimeSpan.Zero);

        Assert.IsType<SendDecision.Allowed>(window.CheckCounts([Start - ResetCodeWindow.Lookback], Start));
        Assert.Equal(new SendDecision.Throttled(SendLimit.Daily, Start + Tick), window.CheckCounts([Start - ResetCodeWindow.Lookback + Tick], Start));
    }

    private AddressSends Sends(PasswordResetOptions options) => new(ResetCodeWindow.From(options), CodeEntryRules.From(options), _clock);
}
