namespace IdP.Core.Tests.PasswordReset;

public sealed class ResetEligibilityTests
{
    private static readonly Guid GroupId = Guid.NewGuid();
    private static readonly Account Enabled = new() { Id = Guid.NewGuid(), Enabled = true };
    private static readonly Account Disabled = new() { Id = Guid.NewGuid(), Enabled = false };

    [Fact]
    public void Everyone_enabled_may_reset_when_the_switch_is_All() =>
        Assert.Equal(new ResetEligibility.Eligible(Enabled.Id), ResetEligibility.Decide(Enabled, new PasswordResetSettings(PasswordResetMode.All, null), isGroupMember: false));

    [Fact]
    public void With_Selected_only_members_of_the_group_may_reset()
    {
        var selected = new PasswordResetSettings(PasswordResetMode.Selected, GroupId);
        Assert.IsType<ResetEligibility.Eligible>(ResetEligibility.Decide(Enabled, selected, isGroupMember: true));
        Assert.IsType<ResetEligibility.NotEnabled>(ResetEligibility.Decide(Enabled, selected, isGroupMember: false));
    }

    [Fact]
    public void Selected_without_a_group_lets_nobody_reset() =>
        Assert.IsType<ResetEligibility.NotEnabled>(ResetEligibility.Decide(Enabled, new PasswordResetSettings(PasswordResetMode.Selected, null), isGroupMember: true));

    [Fact]
    public void Nobody_may_reset_when_the_switch_is_None() =>
        Assert.IsType<ResetEligibility.NotEnabled>(ResetEligibility.Decide(Enabled, PasswordResetSettings.Off, isGroupMember: true));

    [Theory]
    [InlineData(PasswordResetMode.All)]
    [InlineData(PasswordResetMode.Selected)]
    public void Disabled_accounts_cannot_reset(PasswordResetMode mode) =>
        Assert.IsType<ResetEligibility.AccountDisabled>(ResetEligibility.Decide(Disabled, new PasswordResetSettings(mode, GroupId), isGroupMember: true));

    [Theory]
    [InlineData(PasswordResetMode.None, false)]
    [InlineData(PasswordResetMode.Selected, true)]
    [InlineData(PasswordResetMode.All, true)]
    public void The_reset_pages_and_link_are_on_unless_the_switch_is_None(PasswordResetMode mode, bool enabled) =>
        Assert.Equal(enabled, new PasswordResetSettings(mode, GroupId).Enabled);

    [Fact]
    public void No_account_is_its_own_answer() =>
        Assert.IsType<ResetEligibility.NoAccount>(ResetEligibility.Decide(null, new PasswordResetSettings(PasswordResetMode.All, null), isGroupMember: false));
}
