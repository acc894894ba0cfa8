using IdP.Core.Administration;

namespace IdP.Core.Tests.UserFlows;

/// <summary>
/// What the admin API does with a flow's fields, one by one (found by mutation testing: undefined options, several field
/// names and most of <see cref="UserFlowInput.ApplyTo"/> could change without a unit test noticing).
/// </summary>
public sealed class UserFlowFieldTests
{
    public static TheoryData<string, Action<UserFlow>> Problems => new()
    {
        { "type", f => f.Type = (UserFlowType)9 },
        { "signInType", f => f.SignInType = (SignInNameKind)9 },
        { "refreshTokenSlidingWindow", f => f.RefreshTokenSlidingWindow = (RefreshTokenSlidingWindow)9 },
        { "issuerFormat", f => f.IssuerFormat = (IssuerFormat)9 },
        { "subjectClaim", f => f.SubjectClaim = (SubjectClaim)9 },
        { "policyClaim", f => f.PolicyClaim = (PolicyClaim)9 },
        { "sessionTimeout", f => f.SessionTimeout = (SessionTimeout)9 },
        { "passwordResetBehavior", f => f.PasswordResetBehavior = (PasswordResetBehavior)9 },
        { "name", f => f.Name = "B2C_1_bad name" },
        { "refreshTokenLifetimeDays", f => f.RefreshTokenLifetimeDays = 0 },
        { "sessionLifetimeMinutes", f => f.SessionLifetimeMinutes = 14 },
        { "refreshTokenSlidingWindowDays", f => (f.RefreshTokenSlidingWindow, f.RefreshTokenSlidingWindowDays) = (RefreshTokenSlidingWindow.Bounded, 366) },
        { "applicationClaims", f => f.ApplicationClaims = [ApplicationClaims.ObjectId, ApplicationClaims.ObjectId] },
        { "passwordComplexity", f => f.PasswordComplexity = PasswordComplexity.Custom(3, 64, 3) },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_names_the_field_the_api_uses(string field, Action<UserFlow> change)
    {
        Assert.Empty(UserFlowRules.Problems(Flow()));

        var flow = Flow();
        change(flow);

        Assert.Equal(field, Assert.Single(UserFlowRules.Problems(flow)).Field);
    }

    [Fact]
    public void A_sliding_window_shorter_than_the_refresh_token_lifetime_is_refused_only_when_bounded()
    {
        var flow = Flow();
        (flow.RefreshTokenLifetimeDays, flow.RefreshTokenSlidingWindowDays) = (30, 20);

        flow.RefreshTokenSlidingWindow = RefreshTokenSlidingWindow.Bounded;
        Assert.Equal("refreshTokenSlidingWindowDays", Assert.Single(UserFlowRules.Problems(flow)).Field);

        flow.RefreshTokenSlidingWindow = RefreshTokenSlidingWindow.Unbounded;
        Assert.Empty(UserFlowRules.Problems(flow));
    }

    [Fact]
    public void An_input_carrying_every_field_sets_every_field()
    {
        var flow = Flow();

        new UserFlowInput
        {
            Type = UserFlowType.PasswordReset,
            SignInType = SignInNameKind.Username,
            ApplicationClaims = [ApplicationClaims.DisplayName],
            AccessAndIdTokenLifetimeMinutes = 30,
            RefreshTokenLifetimeDays = 7,
            RefreshTokenSlidingWindow = RefreshTokenSlidingWindow.Unbounded,
            RefreshTokenSlidingWindowDays = 200,
            IssuerFormat = IssuerFormat.PolicyIssuer,
            SubjectClaim = SubjectClaim.NotSupported,
            PolicyClaim = PolicyClaim.Acr,
            SessionLifetimeMinutes = 60,
            SessionTimeout = SessionTimeout.Absolute,
            PasswordComplexity = new PasswordComplexityInput { Level = PasswordComplexityLevel.Custom, NumbersOnly = true },
            PasswordResetBehavior = PasswordResetBehavior.HandOff,
        }.ApplyTo(flow);

        Assert.Equal(
            (UserFlowType.PasswordReset, SignInNameKind.Username, 30, 7, RefreshTokenSlidingWindow.Unbounded, 200),
            (flow.Type, flow.SignInType, flow.AccessAndIdTokenLifetimeMinutes, flow.RefreshTokenLifetimeDays, flow.RefreshTokenSlidingWindow, flow.RefreshTokenSlidingWindowDays));
        Assert.Equal(
            (IssuerFormat.PolicyIssuer, SubjectClaim.NotSupported, PolicyClaim.Acr, 60, SessionTimeout.Absolute, PasswordResetBehavior.HandOff),
            (flow.IssuerFormat, flow.SubjectClaim, flow.PolicyClaim, flow.SessionLifetimeMinutes, flow.SessionTimeout, flow.PasswordResetBehavior));
        Assert.Equal([ApplicationClaims.DisplayName], flow.ApplicationClaims);
        Assert.Equal(PasswordComplexity.Custom(8, 64, 0, numbersOnly: true), flow.PasswordComplexity);
    }

    [Fact]
    public void Flow_names_need_a_character_after_the_prefix_and_fit_64_characters()
    {
        Assert.Equal("A user flow name needs at least one character after the B2C_1_ prefix.", UserFlowName.Validate("B2C_1_"));
        Assert.Null(UserFlowName.Validate("B2C_1_" + new string('a', 58)));
        Assert.Equal("A user flow name can be at most 64 characters including the B2C_1_ prefix.", UserFlowName.Validate("B2C_1_" + new string('a', 59)));
    }

    [Theory]
    [InlineData("B2C_1_", false)]
    [InlineData("B2C_1_a", true)]
    [InlineData("b2c_1_signin", true)]
    [InlineData("B2C_1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true)]
    [InlineData("B2C_1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("B2C_2_signin", false)]
    public void A_policy_value_looks_like_a_flow_name_only_within_the_name_rules(string value, bool looksLikeOne) =>
        Assert.Equal(looksLikeOne, UserFlowName.LooksLikePolicy(value));

    private static UserFlow Flow() => new() { Name = "B2C_1_signin", NormalizedName = "B2C_1_SIGNIN" };
}
