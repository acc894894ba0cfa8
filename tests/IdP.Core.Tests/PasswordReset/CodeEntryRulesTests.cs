namespace IdP.Core.Tests.PasswordReset;

public sealed class CodeEntryRulesTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly CodeEntryRules _rules = CodeEntryRules.From(new PasswordResetOptions());

    [Fact]
    public void A_code_works_for_ten_minutes_and_not_a_tick_longer()
    {
        var expiresAt = _rules.ExpiresAt(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromMinutes(10) - Tick);
        Assert.False(CodeEntryRules.HasExpired(expiresAt, _clock.GetUtcNow()));

        _clock.Advance(Tick);
        Assert.True(CodeEntryRules.HasExpired(expiresAt, _clock.GetUtcNow()));
    }

    [Fact]
    public void Each_wrong_entry_says_how_many_tries_are_left()
    {
        var taken = 0;
        foreach (var left in new[] { 4, 3, 2, 1 })
        {
            Assert.True(_rules.MayTakeEntry(taken));
            taken++;
            Assert.Equal(new VerifyCodeResult.Wrong(left), _rules.AfterWrongEntry(taken));
        }
    }

    [Fact]
    public void The_fifth_wrong_entry_kills_the_code() => Assert.IsType<VerifyCodeResult.Exhausted>(_rules.AfterWrongEntry(5));

    [Fact]
    public void A_right_code_after_four_wrong_entries_is_still_compared() => Assert.True(_rules.MayTakeEntry(4));

    [Fact]
    public void A_sixth_entry_is_not_compared_at_all() => Assert.False(_rules.MayTakeEntry(5));

    [Fact]
    public void Lifetime_and_attempts_come_from_the_options()
    {
        var rules = CodeEntryRules.From(new PasswordResetOptions { CodeLifetimeSeconds = 60, MaxAttempts = 3 });
        var sentAt = _clock.GetUtcNow();

        Assert.Equal(sentAt.AddMinutes(1), rules.ExpiresAt(sentAt));
        Assert.Equal(new VerifyCodeResult.Wrong(1), rules.AfterWrongEntry(2));
        Assert.IsType<VerifyCodeResult.Exhausted>(rules.AfterWrongEntry(3));
    }
}
