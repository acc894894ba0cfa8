namespace IdP.Core.Tests.SignIn;

/// <summary>B2C's email MFA, Always on: which flows ask the second factor, and which sessions answer them silently.</summary>
public sealed class MultifactorTests
{
    [Fact]
    public void A_new_flow_asks_no_second_factor_as_in_B2C()
    {
        var flow = new UserFlow { Name = "B2C_1_x", NormalizedName = "" };

        Assert.Equal((MultifactorEnforcement.Off, MultifactorMethod.Email), (flow.MultifactorEnforcement, flow.MultifactorMethod));
        Assert.False(Multifactor.Required(flow));
    }

    [Theory]
    [InlineData(UserFlowType.SignIn, MultifactorEnforcement.AlwaysOn, false, false)]
    [InlineData(UserFlowType.SignIn, MultifactorEnforcement.AlwaysOn, true, true)]
    [InlineData(UserFlowType.SignIn, MultifactorEnforcement.Off, false, true)]
    [InlineData(UserFlowType.SignIn, MultifactorEnforcement.Off, true, true)]
    [InlineData(UserFlowType.PasswordReset, MultifactorEnforcement.AlwaysOn, false, true)]
    public void Only_a_session_begun_with_the_second_factor_answers_a_flow_that_always_asks_it(UserFlowType type, MultifactorEnforcement enforcement, bool sessionHadIt, bool answers)
    {
        var flow = new UserFlow { Name = "B2C_1_x", NormalizedName = "", Type = type, MultifactorEnforcement = enforcement };

        Assert.Equal(answers, Multifactor.SessionSatisfies(flow, new SignInSession { MultifactorAuthenticated = sessionHadIt }));
        Assert.Equal(type == UserFlowType.SignIn && enforcement == MultifactorEnforcement.AlwaysOn, Multifactor.Required(flow));
    }
}
