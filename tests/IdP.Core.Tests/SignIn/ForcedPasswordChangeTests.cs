using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Tests.SignIn;

public sealed class ForcedPasswordChangeTests
{
    private const string Current = "Temporary-Otter-42";

    [Theory]
    [InlineData(UserFlowType.SignIn, true, true, true)]
    [InlineData(UserFlowType.SignIn, false, true, false)]
    [InlineData(UserFlowType.SignIn, true, false, false)]
    [InlineData(UserFlowType.SignIn, false, false, false)]
    [InlineData(UserFlowType.PasswordReset, true, true, false)]
    public void A_marked_account_must_change_its_password_only_on_a_sign_in_flow_with_forced_password_reset_on(UserFlowType type, bool flowForces, bool accountMarked, bool expected)
    {
        var flow = new UserFlow { Name = "B2C_1_signin", NormalizedName = "B2C_1_SIGNIN", Type = type, ForcedPasswordReset = flowForces };
        var account = new Account { Id = Guid.NewGuid(), ForceChangePasswordNextSignIn = accountMarked };

        Assert.Equal(expected, ForcedPasswordChange.Applies(flow, account));
    }

    [Fact]
    public void A_new_user_flow_does_not_force_a_change_until_an_administrator_turns_it_on()
    {
        Assert.False(new UserFlow { Name = "B2C_1_signin", NormalizedName = "B2C_1_SIGNIN" }.ForcedPasswordReset);
    }

    [Fact]
    public void The_current_password_is_refused_as_the_new_one_and_any_other_is_not()
    {
        var hasher = new PasswordHasher<Account>();
        var account = new Account { Id = Guid.NewGuid() };
        account.PasswordHash = hasher.HashPassword(account, Current);

        Assert.True(ForcedPasswordChange.KeepsCurrent(hasher, account, Current));
        Assert.False(ForcedPasswordChange.KeepsCurrent(hasher, account, Current.ToUpperInvariant()));
        Assert.False(ForcedPasswordChange.KeepsCurrent(hasher, account, "Chosen-Heron-77"));
        Assert.False(ForcedPasswordChange.KeepsCurrent(hasher, new Account { Id = Guid.NewGuid() }, Current));
    }
}
