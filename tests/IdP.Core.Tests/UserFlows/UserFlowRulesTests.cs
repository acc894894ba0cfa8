namespace IdP.Core.Tests.UserFlows;

public sealed class UserFlowRulesTests
{
    [Fact]
    public void A_new_flow_with_b2c_defaults_has_no_problems() => Assert.Empty(UserFlowRules.Check(Flow()));

    [Theory]
    [InlineData(5, true)]
    [InlineData(1440, true)]
    [InlineData(4, false)]
    [InlineData(1441, false)]
    public void Access_and_id_token_lifetime_is_5_to_1440_minutes(int minutes, bool valid) =>
        AssertValid(valid, Flow(f => f.AccessAndIdTokenLifetimeMinutes = minutes), "Access & ID token lifetime (minutes) must be between 5 and 1440");

    [Fact]
    public void A_single_sign_on_configuration_outside_B2Cs_four_is_refused_with_them_in_english_and_french()
    {
        var flow = Flow(f => f.SingleSignOnConfiguration = (SingleSignOnScope)4);

        var english = Assert.Single(UserFlowRules.Problems(flow));
        var french = Cultures.InCulture("fr", () => Assert.Single(UserFlowRules.Check(flow)));

        Assert.Equal(("singleSignOnConfiguration", "Single sign-on configuration has no option '4'. Options: Tenant, Application, Policy, Suppressed."), (english.Field, english.Message));
        Assert.StartsWith("Configuration de l’authentification unique", french, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<SingleSignOnScope>(), scope => Assert.Empty(UserFlowRules.Check(Flow(f => (f.Type, f.SingleSignOnConfiguration) = (UserFlowType.PasswordReset, scope)))));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(90, true)]
    [InlineData(0, false)]
    [InlineData(91, false)]
    public void Refresh_token_lifetime_is_1_to_90_days(int days, bool valid) =>
        AssertValid(valid, Flow(f => f.RefreshTokenLifetimeDays = days), "Refresh token lifetime (days) must be between 1 and 90");

    [Theory]
    [InlineData(15, true)]
    [InlineData(1440, true)]
    [InlineData(14, false)]
    [InlineData(1441, false)]
    public void Web_session_lifetime_is_15_to_1440_minutes(int minutes, bool valid) =>
        AssertValid(valid, Flow(f => f.SessionLifetimeMinutes = minutes), "Web app session lifetime (minutes) must be between 15 and 1440");

    [Theory]
    [InlineData(14, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public void A_bounded_sliding_window_is_up_to_365_days(int days, bool valid) =>
        AssertValid(valid, Flow(f => f.RefreshTokenSlidingWindowDays = days), "Refresh token sliding window lifetime (days) must be between 1 and 365");

    [Fact]
    public void A_bounded_sliding_window_must_be_at_least_the_refresh_token_lifetime()
    {
        var errors = UserFlowRules.Check(Flow(f =>
        {
            f.RefreshTokenLifetimeDays = 30;
            f.RefreshTokenSlidingWindowDays = 29;
        }));

        Assert.Equal("Refresh token sliding window lifetime (29 days) must be at least the refresh token lifetime (30 days).", Assert.Single(errors));
    }

    [Fact]
    public void An_unbounded_sliding_window_ignores_the_window_length()
    {
        var flow = Flow(f =>
        {
            f.RefreshTokenSlidingWindow = RefreshTokenSlidingWindow.Unbounded;
            f.RefreshTokenSlidingWindowDays = 0;
        });

        Assert.Empty(UserFlowRules.Check(flow));
    }

    [Fact]
    public void Unknown_and_repeated_application_claims_are_refused()
    {
        var errors = UserFlowRules.Check(Flow(f => f.ApplicationClaims = ["oid", "oid", "Emails"]));

        Assert.Contains(errors, e => e.StartsWith("'Emails' is not an application claim.", StringComparison.Ordinal));
        Assert.Contains("Each application claim can be listed once.", errors);
    }

    [Fact]
    public void Values_outside_an_enum_are_refused_with_the_options()
    {
        var errors = UserFlowRules.Check(Flow(f => f.SessionTimeout = (SessionTimeout)7));

        Assert.Equal("Web app session timeout has no option '7'. Options: Rolling, Absolute.", Assert.Single(errors));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(90, true)]
    [InlineData(0, false)]
    [InlineData(91, false)]
    public void Keep_me_signed_in_session_is_1_to_90_days(int days, bool valid) =>
        AssertValid(valid, Flow(f => (f.KeepMeSignedIn, f.KeepMeSignedInDays) = (true, days)), "Keep me signed in session (days) must be between 1 and 90");

    [Fact]
    public void Keep_me_signed_in_is_off_with_30_days_on_a_new_flow()
    {
        var flow = Flow();

        Assert.Equal((false, 30), (flow.KeepMeSignedIn, flow.KeepMeSignedInDays));
    }

    [Fact]
    public void A_password_reset_flow_cannot_turn_keep_me_signed_in_on_in_english_or_french()
    {
        var reset = Flow(f => (f.Type, f.KeepMeSignedIn) = (UserFlowType.PasswordReset, true));

        var english = Assert.Single(UserFlowRules.Problems(reset));
        var french = Cultures.InCulture("fr", () => Assert.Single(UserFlowRules.Problems(reset)));

        Assert.Equal("keepMeSignedIn", english.Field);
        Assert.Equal("Keep me signed in is offered on sign-in flows only, as in B2C: a password reset flow cannot enable it.", english.Message);
        Assert.Equal("«\u00a0Maintenir la connexion\u00a0» n’est proposé que sur les flux de connexion, comme dans B2C\u00a0: un flux de réinitialisation du mot de passe ne peut pas l’activer.", french.Message);
        Assert.Empty(UserFlowRules.Check(Flow(f => f.Type = UserFlowType.PasswordReset)));
    }

    [Fact]
    public void Out_of_range_keep_me_signed_in_days_are_refused_in_french_too() =>
        Assert.Equal(
            "Durée de la session «\u00a0Maintenir la connexion\u00a0» (jours)\u00a0: la valeur doit être comprise entre 1 et 90\u00a0; 120 est hors limites.",
            Cultures.InCulture("fr", () => Assert.Single(UserFlowRules.Check(Flow(f => f.KeepMeSignedInDays = 120)))));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = UserFlowRules.Check(Flow(f =>
        {
            f.Name = "B2C_1_bad name";
            f.AccessAndIdTokenLifetimeMinutes = 0;
            f.SessionLifetimeMinutes = 0;
            f.PasswordComplexity = PasswordComplexity.Custom(2, 300, 5);
        }));

        Assert.True(errors.Count >= 5, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Simple_and_strong_complexity_cannot_be_changed_only_custom_can()
    {
        var tweaked = PasswordComplexity.Strong with { MinLength = 4 };

        Assert.Equal("The Strong password complexity has fixed values; use Custom to change them.", Assert.Single(UserFlowRules.Check(Flow(f => f.PasswordComplexity = tweaked))));
        Assert.Empty(UserFlowRules.Check(Flow(f => f.PasswordComplexity = PasswordComplexity.Custom(4, 256, 4))));
        Assert.Empty(UserFlowRules.Check(Flow(f => f.PasswordComplexity = PasswordComplexity.Custom(6, 6, 0, numbersOnly: true))));
    }

    [Theory]
    [InlineData(3, 64, 3, false)]
    [InlineData(8, 257, 3, false)]
    [InlineData(10, 9, 3, false)]
    [InlineData(8, 64, 5, false)]
    [InlineData(8, 64, 2, true)]
    public void Custom_complexity_is_checked(int min, int max, int classes, bool valid) =>
        Assert.Equal(valid, PasswordComplexity.Custom(min, max, classes).Check().Count == 0);

    [Fact]
    public void A_numbers_only_password_cannot_require_character_classes() =>
        Assert.Contains("A numbers-only password cannot require character classes.", PasswordComplexity.Custom(6, 8, 2, numbersOnly: true).Check());

    private static void AssertValid(bool valid, UserFlow flow, string message)
    {
        var errors = UserFlowRules.Check(flow);
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Multifactor_authentication_always_on_is_a_sign_in_flow_setting_with_off_and_always_on_only()
    {
        Assert.Empty(UserFlowRules.Check(Flow(f => f.MultifactorEnforcement = MultifactorEnforcement.AlwaysOn)));

        var onReset = Assert.Single(UserFlowRules.Problems(Flow(f => (f.Type, f.MultifactorEnforcement) = (UserFlowType.PasswordReset, MultifactorEnforcement.AlwaysOn))));
        var outside = Assert.Single(UserFlowRules.Problems(Flow(f => f.MultifactorEnforcement = (MultifactorEnforcement)2)));
        var french = Cultures.InCulture("fr", () => Assert.Single(UserFlowRules.Check(Flow(f => f.MultifactorMethod = (MultifactorMethod)1))));

        Assert.Equal("multifactorEnforcement", onReset.Field);
        Assert.Equal(("multifactorEnforcement", "MFA enforcement has no option '2'. Options: Off, AlwaysOn."), (outside.Field, outside.Message));
        Assert.StartsWith("Type de méthode", french, StringComparison.Ordinal);
        Assert.Empty(UserFlowRules.Check(Flow(f => f.Type = UserFlowType.PasswordReset)));
    }

    private static UserFlow Flow(Action<UserFlow>? configure = null)
    {
        var flow = new UserFlow { Name = "B2C_1_signin", NormalizedName = "B2C_1_SIGNIN" };
        configure?.Invoke(flow);
        return flow;
    }
}
