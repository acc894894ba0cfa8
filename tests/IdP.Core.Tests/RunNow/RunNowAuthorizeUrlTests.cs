namespace IdP.Core.Tests.RunNow;

public sealed class RunNowAuthorizeUrlTests
{
    [Fact]
    public void The_url_has_b2c_run_user_flow_endpoint_shape_in_query_form()
    {
        var url = RunNowAuthorizeUrl.Build(
            new Uri("https://login.contoso.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?p=B2C_1_signin"),
            new RunNowAuthorizeRequest("app-id", "n0nce", "https://jwt.ms", "openid", RunNowResponseType.IdToken, "st4te"));

        Assert.Equal(
            "https://login.contoso.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?p=B2C_1_signin&client_id=app-id&nonce=n0nce&redirect_uri=https%3A%2F%2Fjwt.ms&scope=openid&response_type=id_token&prompt=login&state=st4te",
            url);
    }

    [Fact]
    public void A_code_run_to_the_viewer_adds_form_post_the_pkce_challenge_and_the_optional_hints_in_path_form()
    {
        var url = RunNowAuthorizeUrl.Build(
            new Uri("http://localhost:5000/contoso/B2C_1_signin/oauth2/v2.0/authorize"),
            new RunNowAuthorizeRequest("idp-run-now", "n", "http://localhost:5000/contoso/run-now/result", "openid offline_access", RunNowResponseType.Code, "s")
            {
                ResponseMode = "form_post",
                CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                UiLocales = "fr",
                LoginHint = "ada@example.com",
            });

        Assert.Equal(
            "http://localhost:5000/contoso/B2C_1_signin/oauth2/v2.0/authorize?client_id=idp-run-now&nonce=n&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcontoso%2Frun-now%2Fresult"
            + "&scope=openid%20offline_access&response_type=code&prompt=login&state=s&response_mode=form_post"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&ui_locales=fr&login_hint=ada%40example.com",
            url);
    }
}
