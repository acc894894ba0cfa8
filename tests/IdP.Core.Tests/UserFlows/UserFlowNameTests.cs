namespace IdP.Core.Tests.UserFlows;

public sealed class UserFlowNameTests
{
    [Theory]
    [InlineData("signin", "B2C_1_signin")]
    [InlineData("B2C_1_signin", "B2C_1_signin")]
    [InlineData("b2c_1_SignIn", "B2C_1_SignIn")]
    [InlineData("  passwordreset ", "B2C_1_passwordreset")]
    public void Prefix_is_added_once_as_b2c_does(string typed, string expected) => Assert.Equal(expected, UserFlowName.WithPrefix(typed));

    [Fact]
    public void Names_match_case_insensitively() => Assert.Equal(UserFlowName.Normalize("B2C_1_signin"), UserFlowName.Normalize("b2c_1_SIGNIN"));

    [Theory]
    [InlineData("B2C_1_")]
    [InlineData("B2C_1_sign in")]
    [InlineData("B2C_1_sign/in")]
    [InlineData("B2C_1_signé")]
    public void Malformed_names_are_refused_with_a_reason(string name) => Assert.NotNull(UserFlowName.Validate(name));

    [Fact]
    public void Names_longer_than_64_characters_are_refused() => Assert.NotNull(UserFlowName.Validate("B2C_1_" + new string('a', 59)));

    [Theory]
    [InlineData("B2C_1_signin", true)]
    [InlineData("b2c_1_SIGNIN", true)]
    [InlineData("B2C_1_", false)]
    [InlineData("signin", false)]
    [InlineData("B2C_1_../etc", false)]
    [InlineData(null, false)]
    public void Only_values_shaped_like_a_policy_are_looked_up(string? value, bool looksLikePolicy) =>
        Assert.Equal(looksLikePolicy, UserFlowName.LooksLikePolicy(value));

    [Fact]
    public void A_well_formed_name_is_accepted() => Assert.Null(UserFlowName.Validate("B2C_1_sign-in_2"));
}
