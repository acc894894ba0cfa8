namespace IdP.Core.Tests.RunNow;

public sealed class RunNowParametersTests
{
    [Fact]
    public void Without_parameters_a_run_asks_for_an_id_token_with_the_openid_scope_for_the_built_in_application()
    {
        var parameters = Valid();

        Assert.Null(parameters.ClientId);
        Assert.Null(parameters.RedirectUri);
        Assert.Equal(RunNowResponseType.IdToken, parameters.ResponseType);
        Assert.Equal("openid", parameters.Scope);
    }

    [Fact]
    public void A_code_run_asks_for_offline_access_too_so_the_viewer_shows_a_refresh_token() =>
        Assert.Equal("openid offline_access", Valid(("response_type", "code")).Scope);

    [Fact]
    public void A_given_scope_is_kept_with_openid_added_first_when_missing() =>
        Assert.Equal("openid https://contoso.onmicrosoft.com/api/read", Valid(("scope", "https://contoso.onmicrosoft.com/api/read  openid")).Scope);

    [Fact]
    public void Every_optional_parameter_is_read_and_unknown_ones_such_as_p_are_ignored()
    {
        var parameters = Valid(("p", "B2C_1_signin"), ("client_id", "app"), ("redirect_uri", "https://app.test/cb"), ("ui_locales", "fr"), ("login_hint", "ada@example.com"), ("response_type", "code"));

        Assert.Equal(new RunNowParameters("app", "https://app.test/cb", RunNowResponseType.Code, "openid offline_access", "fr", "ada@example.com"), parameters);
    }

    [Fact]
    public void Empty_values_count_as_absent() => Assert.Null(Valid(("client_id", "")).ClientId);

    [Theory]
    [InlineData("token")]
    [InlineData("id_token token")]
    [InlineData("code id_token")]
    [InlineData("ID_TOKEN")]
    public void Response_types_other_than_id_token_and_code_are_refused(string responseType) =>
        Assert.Equal(new RunNowParameterCheck.Invalid(RunNowParameterProblem.UnsupportedResponseType, "response_type"), Parse(("response_type", responseType)));

    [Fact]
    public void A_repeated_parameter_is_refused() =>
        Assert.Equal(new RunNowParameterCheck.Invalid(RunNowParameterProblem.Repeated, "client_id"), Parse(("client_id", "a"), ("client_id", "b")));

    [Fact]
    public void An_overlong_parameter_is_refused() =>
        Assert.Equal(new RunNowParameterCheck.Invalid(RunNowParameterProblem.TooLong, "login_hint"), Parse(("login_hint", new string('a', 257))));

    private static RunNowParameterCheck Parse(params (string Name, string Value)[] query) =>
        RunNowParameters.Parse(query.Select(q => KeyValuePair.Create(q.Name, (string?)q.Value)));

    private static RunNowParameters Valid(params (string Name, string Value)[] query) =>
        Assert.IsType<RunNowParameterCheck.Valid>(Parse(query)).Parameters;
}
