using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Tests.RunNow;

/// <summary>Run now, as a developer uses it: open a flow's run-now URL, sign in, read the token on the built-in viewer.</summary>
public abstract class RunNowTests(IdPFactory factory, CapturedLogs logs) : IAsyncLifetime
{
    private const string Password = "Correct-Horse-9";
    private const string RunNowUrl = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now";
    private const string Viewer = $"{IdPFactory.Origin}/{IdPFactory.Tenant}/run-now/result";
    private readonly string _email = $"{Guid.NewGuid():N}@example.com";

    public async Task InitializeAsync() => await factory.CreateAccountAsync(_email, Password, displayName: "Ada Lovelace");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_now_redirects_to_the_flows_authorize_endpoint_in_b2c_shape_with_a_fresh_nonce_and_state()
    {
        using var browser = factory.CreateBrowser();

        var first = await RedirectOfAsync(browser, RunNowUrl);
        var second = await RedirectOfAsync(browser, RunNowUrl);

        Assert.Equal($"{IdPFactory.Origin}/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize", first.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(first.Query);
        Assert.Equal(["client_id", "nonce", "redirect_uri", "scope", "response_type", "prompt", "state", "response_mode"], query.Keys);
        Assert.Equal(RunNowApplication.ClientId, query["client_id"]);
        Assert.Equal(Viewer, query["redirect_uri"]);
        Assert.Equal("openid", query["scope"]);
        Assert.Equal("id_token", query["response_type"]);
        Assert.Equal("login", query["prompt"]);
        Assert.Equal("form_post", query["response_mode"]);
        var again = QueryHelpers.ParseQuery(second.Query);
        Assert.NotEqual(query["nonce"], again["nonce"]);
        Assert.NotEqual(query["state"], again["state"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["state"].ToString());
    }

    [Fact]
    public async Task A_hand_made_request_of_the_built_in_app_with_another_fault_returns_that_fault_to_the_viewer_not_AADB2C90006()
    {
        using var browser = factory.CreateBrowser();
        var authorize = QueryHelpers.AddQueryString($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = RunNowApplication.ClientId,
            ["redirect_uri"] = Viewer,
            // A code request without PKCE, which the built-in public client requires: a fault other than the reply URL.
            ["response_type"] = "code",
            ["response_mode"] = "query",
            ["scope"] = "openid",
            ["nonce"] = "n",
            ["state"] = "s",
        });

        var landed = await browser.NavigateAsync(authorize);

        Assert.Equal(Viewer, landed.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("invalid_request", QueryHelpers.ParseQuery(landed.Url.Query)["error"]);
        Assert.Contains("code_challenge", QueryHelpers.ParseQuery(landed.Url.Query)["error_description"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(B2CErrorCodes.RedirectUriNotRegistered, landed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_query_form_run_now_url_redirects_to_the_query_form_authorize_endpoint()
    {
        using var browser = factory.CreateBrowser();

        var location = await RedirectOfAsync(browser, $"/{IdPFactory.TenantDomain}/run-now?p=b2c_1_SIGNIN&response_type=code");

        Assert.StartsWith($"{IdPFactory.Origin}/{IdPFactory.TenantDomain}/oauth2/v2.0/authorize?p={IdPFactory.SignInPolicy}&client_id={RunNowApplication.ClientId}&nonce=", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal($"{IdPFactory.Origin}/{IdPFactory.TenantDomain}/run-now/result", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("openid offline_access", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"].ToString());
    }

    [Fact]
    public async Task An_id_token_run_ends_on_the_viewer_with_the_token_decoded_explained_and_verified()
    {
        using var browser = factory.CreateBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.SignInAsync(_email, Password));

        Assert.Equal(HttpStatusCode.OK, viewer.Status);
        Assert.Equal("tokens", viewer.Outcome);
        Assert.Contains(IdPFactory.SignInPolicy, viewer.Summary, StringComparison.Ordinal);
        var id = RunNowElementIds.IdToken;
        Assert.Equal(RunNowApplication.ClientId, viewer.Claim(id, "aud"));
        Assert.Equal(IdPFactory.SignInPolicy, viewer.Claim(id, "tfp"));
        Assert.Equal("Ada Lovelace", viewer.Claim(id, "name"));
        Assert.Contains(_email, viewer.Claim(id, "emails"), StringComparison.Ordinal);
        Assert.Equal(viewer.Claim(id, "sub"), viewer.Claim(id, "oid"));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", viewer.Claim(id, "exp"));
        Assert.Equal(factory.Clock.GetUtcNow().AddHours(1).UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), viewer.Claim(id, "exp")![..16]);
        Assert.StartsWith("Expiration time", viewer.ClaimExplanation(id, "exp"), StringComparison.Ordinal);
        Assert.StartsWith("Trust framework policy", viewer.ClaimExplanation(id, "tfp"), StringComparison.Ordinal);
        foreach (var claim in new[] { "iss", "sub", "aud", "exp", "iat", "nbf", "auth_time", "tfp", "ver", "nonce", "oid", "name", "emails" })
        {
            Assert.False(string.IsNullOrEmpty(viewer.ClaimExplanation(id, claim)), $"no explanation for {claim}");
        }

        Assert.Equal(3, viewer.RawToken(id)!.Split('.').Length);
        Assert.Contains("\"alg\": \"RS256\"", viewer.Header(id), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(viewer.Payload(id)!).RootElement.ValueKind);
        Assert.Equal(new Dictionary<string, bool> { ["State"] = true, ["Mode"] = true }, viewer.Checks(RunNowElementIds.Checks));
        Assert.Equal(
            new Dictionary<string, bool> { ["Signature"] = true, ["Issuer"] = true, ["Audience"] = true, ["Nonce"] = true, ["Lifetime"] = true },
            viewer.Checks(id));
        Assert.Null(viewer.Page.ById(RunNowElementIds.AccessToken));
        Assert.Equal(RunNowUrl, viewer.RunAgainHref);
    }

    [Fact]
    public async Task The_viewer_that_receives_a_runs_tokens_is_sent_with_cache_control_no_store()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));
        var form = (await signIn.SignInAsync(_email, Password)).Document!.QuerySelector("form[name=form][method=post]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        // Posted as the form_post page posts it: the answer shows the ID token, so no cache may keep it.
        using var response = await browser.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fields["id_token"], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_code_run_redeems_the_code_with_pkce_and_shows_the_id_access_and_refresh_tokens()
    {
        using var browser = factory.CreateBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + "?response_type=code"));
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.SignInAsync(_email, Password));

        Assert.Equal("tokens", viewer.Outcome);
        Assert.Equal(new Dictionary<string, bool> { ["State"] = true, ["ProofKey"] = true, ["Mode"] = true }, viewer.Checks(RunNowElementIds.Checks));
        Assert.All(viewer.Checks(RunNowElementIds.IdToken).Values, Assert.True);
        Assert.False(string.IsNullOrEmpty(viewer.Claim(RunNowElementIds.IdToken, "at_hash")));
        Assert.StartsWith("Access token hash", viewer.ClaimExplanation(RunNowElementIds.IdToken, "at_hash"), StringComparison.Ordinal);

        var access = RunNowElementIds.AccessToken;
        Assert.Equal(new Dictionary<string, bool> { ["Signature"] = true, ["Issuer"] = true, ["Lifetime"] = true }, viewer.Checks(access));
        Assert.Equal(RunNowApplication.ClientId, viewer.Claim(access, "aud"));
        Assert.Equal(IdPFactory.SignInPolicy, viewer.Claim(access, "tfp"));
        Assert.Contains("\"typ\": \"JWT\"", viewer.Header(access), StringComparison.Ordinal);

        Assert.False(string.IsNullOrEmpty(viewer.RawToken(RunNowElementIds.RefreshToken)));
        Assert.Equal("valid", viewer.RefreshTokenFact("status"));
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(14).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), viewer.RefreshTokenFact("expires")![..10]);
        Assert.Equal(RunNowUrl + "?response_type=code", viewer.RunAgainHref);
    }

    [Fact]
    public async Task A_code_run_on_another_host_gets_tokens_issued_on_that_host()
    {
        const string customDomain = "http://login.contoso.test";
        using var browser = factory.CreateBrowser();
        browser.AddHost(new Uri(customDomain).Host, factory.Server.CreateHandler());

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(customDomain + RunNowUrl + "?response_type=code"));
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.SignInAsync(_email, Password));

        Assert.Equal("tokens", viewer.Outcome);
        Assert.Equal($"{customDomain}/{await factory.TenantIdAsync():D}/v2.0/", viewer.Claim(RunNowElementIds.IdToken, "iss"));
        Assert.Equal(viewer.Claim(RunNowElementIds.IdToken, "iss"), viewer.Claim(RunNowElementIds.AccessToken, "iss"));
        Assert.All(viewer.Checks(RunNowElementIds.IdToken).Values, Assert.True);
        Assert.All(viewer.Checks(RunNowElementIds.AccessToken).Values, Assert.True);
    }

    [Fact]
    public async Task A_forged_host_header_cannot_send_the_code_exchange_to_another_host()
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var forgedHost = $"127.0.0.1:{((IPEndPoint)elsewhere.LocalEndpoint).Port}";
        using var browser = factory.CreateBrowser();
        var state = await StateOfRunAsync(browser, RunNowUrl + "?response_type=code");

        var viewer = await RunNowViewerPage.PostAsync(browser, Viewer, new() { ["state"] = state, ["code"] = "abc" }, host: forgedHost);

        Assert.False(elsewhere.Pending(), $"The viewer opened a connection to {forgedHost}, the host named in the request.");
        // The server's own token endpoint judged the code, without a network hop.
        Assert.Equal("redemption-refused", viewer.Outcome);
        Assert.Equal("invalid_grant", viewer.ErrorCode);
    }

    [Fact]
    public async Task Tokens_and_codes_of_a_run_never_reach_the_server_logs()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + "?response_type=code"));
        var formPost = await signIn.SignInAsync(_email, Password);
        var code = formPost.Document!.QuerySelector("input[name=code]")!.GetAttribute("value")!;

        var viewer = await RunNowViewerPage.ReceiveAsync(browser, formPost);

        Assert.Equal("tokens", viewer.Outcome);
        var secrets = new[] { code, viewer.RawToken(RunNowElementIds.IdToken)!, viewer.RawToken(RunNowElementIds.AccessToken)!, viewer.RawToken(RunNowElementIds.RefreshToken)! };
        Assert.NotEmpty(logs.Messages);
        Assert.Contains(logs.Messages, m => m.Contains("Run now started", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal) || m.Contains(secret.Split('.')[^1], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_response_is_shown_once_and_a_replayed_response_says_so()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));
        var formPost = await signIn.SignInAsync(_email, Password);
        Assert.Equal("tokens", (await RunNowViewerPage.ReceiveAsync(browser, formPost)).Outcome);

        var replay = await RunNowViewerPage.ReceiveAsync(browser, formPost);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("already-shown", replay.Outcome);
        Assert.Null(replay.RawToken(RunNowElementIds.IdToken));
        Assert.Equal(RunNowUrl, replay.RunAgainHref);
    }

    [Fact]
    public async Task A_response_carried_to_another_browser_is_not_shown()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));
        var formPost = await signIn.SignInAsync(_email, Password);

        using var otherBrowser = factory.CreateBrowser();
        var viewer = await RunNowViewerPage.ReceiveAsync(otherBrowser, formPost);

        Assert.Equal(HttpStatusCode.BadRequest, viewer.Status);
        Assert.Equal("unknown-run", viewer.Outcome);
        Assert.Null(viewer.RawToken(RunNowElementIds.IdToken));
    }

    [Fact]
    public async Task A_run_whose_response_comes_after_it_expired_says_so()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));
        var formPost = await signIn.SignInAsync(_email, Password);

        factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, formPost);

        Assert.Equal(HttpStatusCode.BadRequest, viewer.Status);
        Assert.Equal("expired", viewer.Outcome);
        Assert.Equal(RunNowUrl, viewer.RunAgainHref);
    }

    [Fact]
    public async Task A_response_relayed_from_the_url_fragment_is_shown_too()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));

        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.SignInAsync(_email, Password), new Dictionary<string, string> { ["relay"] = "fragment" });

        Assert.Equal("tokens", viewer.Outcome);
        Assert.Contains("fragment", viewer.CheckText(RunNowElementIds.Checks, "Mode"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_returned_in_the_query_string_is_redeemed_too()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + "?response_type=code"));
        var formPost = await signIn.SignInAsync(_email, Password);
        var response = formPost.Document!.QuerySelectorAll("form[name=form] input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => (string?)i.GetAttribute("value"));

        var viewer = RunNowViewerPage.On(await browser.NavigateAsync(QueryHelpers.AddQueryString($"/{IdPFactory.Tenant}/run-now/result", response)));

        Assert.Equal("tokens", viewer.Outcome);
        Assert.Contains("query", viewer.CheckText(RunNowElementIds.Checks, "Mode"), StringComparison.Ordinal);
        Assert.True(viewer.Checks(RunNowElementIds.Checks)["ProofKey"]);
    }

    [Fact]
    public async Task A_runs_login_hint_and_ui_locales_are_passed_to_the_authorize_endpoint()
    {
        using var browser = factory.CreateBrowser();

        var location = await RedirectOfAsync(browser, RunNowUrl + $"?login_hint={Uri.EscapeDataString(_email)}&ui_locales=fr-FR");

        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(_email, query["login_hint"]);
        Assert.Equal("fr-FR", query["ui_locales"]);
        SignInPage.On(browser, await browser.NavigateAsync(location.PathAndQuery));
    }

    [Fact]
    public async Task A_tampered_id_token_is_shown_with_its_signature_check_failed()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));
        var formPost = await signIn.SignInAsync(_email, Password);
        var token = formPost.Document!.QuerySelector("input[name=id_token]")!.GetAttribute("value")!.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(token[1]))!;
        payload["name"] = JsonSerializer.SerializeToElement("Mallory");
        var forged = $"{token[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{token[2]}";

        var viewer = await RunNowViewerPage.ReceiveAsync(browser, formPost, new Dictionary<string, string> { ["id_token"] = forged });

        Assert.Equal("tokens", viewer.Outcome);
        Assert.Equal("Mallory", viewer.Claim(RunNowElementIds.IdToken, "name"));
        Assert.False(viewer.Checks(RunNowElementIds.IdToken)["Signature"]);
        Assert.Contains("does not verify", viewer.CheckText(RunNowElementIds.IdToken, "Signature"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"alg":"RS256"}""", """{"sub":"\ud800"}""")]
    [InlineData("""{"alg":"RS256"}""", """{"aud":["idp-run-now","\udc00"]}""")]
    [InlineData("""{"alg":"RS256","kid":"\udc00"}""", """{"sub":"ada"}""")]
    public async Task An_id_token_with_json_that_cannot_be_read_as_text_is_shown_as_malformed(string header, string payload)
    {
        using var browser = factory.CreateBrowser();
        var state = await StateOfRunAsync(browser, RunNowUrl);
        var token = $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(payload)}.c2ln";

        var viewer = await RunNowViewerPage.PostAsync(browser, Viewer, new() { ["id_token"] = token, ["state"] = state });

        Assert.Equal(HttpStatusCode.OK, viewer.Status);
        Assert.Equal("tokens", viewer.Outcome);
        Assert.Equal(token, viewer.RawToken(RunNowElementIds.IdToken));
        Assert.Null(viewer.Payload(RunNowElementIds.IdToken));
        Assert.Contains("This is not a JWT", viewer.Page.Document!.QuerySelector($"#{RunNowElementIds.IdToken} .notice")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_again_repeats_the_run_with_the_parameters_run_now_reads()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + "?utm_source=mail&scope=openid%20profile&response_type=code"));

        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.CancelAsync());

        Assert.Equal(RunNowUrl + "?scope=openid%20profile&response_type=code", viewer.RunAgainHref);
    }

    [Fact]
    public async Task The_viewer_opened_without_a_response_explains_itself_and_loads_only_its_own_relay_script()
    {
        using var browser = factory.CreateBrowser();

        var viewer = RunNowViewerPage.On(await browser.NavigateAsync($"/{IdPFactory.Tenant}/run-now/result"));

        Assert.Equal("waiting", viewer.Outcome);
        var scripts = viewer.Page.Document!.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ToList();
        Assert.Equal("/js/run-now-relay.js", Assert.Single(scripts)!.Split('?')[0]);
    }

    [Fact]
    public async Task Cancel_on_the_sign_in_page_shows_AADB2C90091_explained_with_a_run_again_link()
    {
        using var browser = factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl));

        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.CancelAsync());

        Assert.Equal(HttpStatusCode.OK, viewer.Status);
        Assert.Equal("flow-error", viewer.Outcome);
        Assert.Equal(B2CErrorCodes.UserCancelled, viewer.ErrorCode);
        Assert.StartsWith(B2CErrorCodes.UserCancelledDescription, viewer.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("Cancel", viewer.ErrorMeaning, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(viewer.ErrorFix));
        Assert.Equal(RunNowUrl, viewer.RunAgainHref);
    }

    [Theory]
    [InlineData("access_denied", B2CErrorCodes.ForgotPasswordDescription, B2CErrorCodes.ForgotPassword, "password reset flow")]
    [InlineData("unauthorized_client", B2CErrorCodes.ImplicitFlowNotAllowedDescription, B2CErrorCodes.ImplicitFlowNotAllowed, "response_type=code")]
    [InlineData("invalid_request", "AADB2C90006: The redirect URI 'https://x.test' provided in the request is not registered for the client ID 'a'.", B2CErrorCodes.RedirectUriNotRegistered, "Register the exact reply URL")]
    [InlineData("invalid_scope", "The specified 'scope' is invalid.", "invalid_scope", "Request only scopes")]
    [InlineData("something_new", "A future error.", "something_new", "Read error and error_description")]
    public async Task An_error_returned_by_the_flow_is_shown_with_what_it_means_and_how_to_fix_it(string error, string description, string code, string fix)
    {
        using var browser = factory.CreateBrowser();
        var state = await StateOfRunAsync(browser, RunNowUrl);

        var viewer = await RunNowViewerPage.PostAsync(browser, Viewer, new() { ["error"] = error, ["error_description"] = description, ["state"] = state });

        Assert.Equal("flow-error", viewer.Outcome);
        Assert.Equal(code, viewer.ErrorCode);
        Assert.Equal(description, viewer.ErrorDescription);
        Assert.False(string.IsNullOrEmpty(viewer.ErrorMeaning));
        Assert.Contains(fix, viewer.ErrorFix, StringComparison.Ordinal);
        Assert.Equal(RunNowUrl, viewer.RunAgainHref);
    }

    [Fact]
    public async Task An_error_without_a_known_run_is_not_shown()
    {
        using var browser = factory.CreateBrowser();

        var viewer = await RunNowViewerPage.PostAsync(browser, Viewer, new() { ["error"] = "access_denied", ["error_description"] = "Call +1 555 0100 for help", ["state"] = "made-up" });

        Assert.Equal(HttpStatusCode.BadRequest, viewer.Status);
        Assert.Equal("unknown-run", viewer.Outcome);
        Assert.DoesNotContain("555 0100", viewer.Page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_in_application_replies_to_the_viewer_on_whatever_host_the_run_came_in_on()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://login.contoso.test") });

        using var run = await client.GetAsync(RunNowUrl);
        var authorize = run.Headers.Location!;
        using var signIn = await client.GetAsync(authorize);

        Assert.Equal("login.contoso.test", authorize.Host);
        Assert.Equal("http://login.contoso.test/contoso/run-now/result", QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/signin?tx=", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://evil.test/contoso/run-now/result")]
    [InlineData("http://idp.test/contoso/run-now/result/")]
    [InlineData("http://idp.test/fabrikam/run-now/result")]
    [InlineData("https://idp.test/contoso/run-now/result")]
    public async Task The_built_in_application_never_replies_anywhere_but_the_viewer_of_the_host_that_served_the_sign_in(string redirectUri)
    {
        using var browser = factory.CreateBrowser();
        var authorize = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize?client_id={RunNowApplication.ClientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + "&response_type=id_token&scope=openid&nonce=n&state=s&response_mode=form_post";

        var page = await browser.NavigateAsync(authorize);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.StartsWith(B2CErrorCodes.RedirectUriNotRegistered, page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
        Assert.Null(page.ExternalRedirect);
    }

    [Fact]
    public async Task An_unknown_client_gets_the_authorize_endpoints_AADB2C90006_page()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(RunNowUrl + "?client_id=no-such-app&redirect_uri=https%3A%2F%2Fapp.test%2Fcb");
        var authorize = await browser.NavigateAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize?client_id=no-such-app&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&response_type=id_token&scope=openid&nonce=n");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(authorize.Text(PageElementIds.ErrorMessage), page.Text(PageElementIds.ErrorMessage));
        Assert.Equal("AADB2C90006: The redirect URI 'https://app.test/cb' provided in the request is not registered for the client ID 'no-such-app'.", page.Text(PageElementIds.ErrorMessage));
    }

    [Fact]
    public async Task An_unregistered_reply_url_gets_AADB2C90006_and_never_leaves_the_server()
    {
        var clientId = await RegisterAppAsync(implicitIdToken: true, "https://app.test/callback");
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(RunNowUrl + $"?client_id={clientId}&redirect_uri=https%3A%2F%2Fevil.test%2Fcallback");
        var builtIn = await browser.NavigateAsync(RunNowUrl + "?redirect_uri=https%3A%2F%2Fevil.test%2Fcallback");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal($"AADB2C90006: The redirect URI 'https://evil.test/callback' provided in the request is not registered for the client ID '{clientId}'.", page.Text(PageElementIds.ErrorMessage));
        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, builtIn.Status);
        Assert.StartsWith(B2CErrorCodes.RedirectUriNotRegistered, builtIn.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_without_the_implicit_grant_gets_AADB2C90057_with_the_fix_and_a_link_to_a_code_flow_run_that_works()
    {
        var clientId = await RegisterAppAsync(implicitIdToken: false, "https://app.test/callback");
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(RunNowUrl + $"?client_id={clientId}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(B2CErrorCodes.ImplicitFlowNotAllowedDescription, page.Text(PageElementIds.ErrorMessage));
        Assert.Contains("AllowImplicitIdToken", page.Document!.QuerySelector(".error-help")!.TextContent, StringComparison.Ordinal);
        var link = page.ById(RunNowElementIds.Instead)!.GetAttribute("href")!;
        Assert.Equal(RunNowUrl + $"?client_id={clientId}&response_type=code", link);

        var codeRun = await RedirectOfAsync(browser, link);
        var query = QueryHelpers.ParseQuery(codeRun.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("https://app.test/callback", query["redirect_uri"]);
        Assert.True(query.ContainsKey("code_challenge"), "a public client needs PKCE, or the authorize endpoint would refuse it");
        SignInPage.On(browser, await browser.NavigateAsync(codeRun.PathAndQuery));
    }

    [Fact]
    public async Task An_app_with_the_viewer_as_a_reply_url_sees_its_own_tokens_in_the_viewer()
    {
        var clientId = await RegisterAppAsync(implicitIdToken: true, "https://app.test/callback", Viewer);
        using var browser = factory.CreateBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + $"?client_id={clientId}"));
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.SignInAsync(_email, Password));

        Assert.Equal("tokens", viewer.Outcome);
        Assert.Equal(clientId, viewer.Claim(RunNowElementIds.IdToken, "aud"));
        Assert.All(viewer.Checks(RunNowElementIds.IdToken).Values, Assert.True);
    }

    [Fact]
    public async Task A_run_to_the_apps_own_reply_url_goes_there_as_b2cs_run_now_does()
    {
        var clientId = await RegisterAppAsync(implicitIdToken: true, "https://app.test/callback");
        using var browser = factory.CreateBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + $"?client_id={clientId}&login_hint={Uri.EscapeDataString(_email)}"));
        var app = (await signIn.SignInAsync(_email, Password)).ToApp();

        Assert.Equal("https://app.test/callback", app.RedirectUri.ToString());
        Assert.Equal("fragment", app.Mode);
        Assert.False(string.IsNullOrEmpty(app["id_token"]));
    }

    [Theory]
    [InlineData("?response_type=token", "response_type")]
    [InlineData("?response_type=code%20id_token", "response_type")]
    [InlineData("?client_id=a&client_id=b", "client_id")]
    public async Task Parameters_run_now_does_not_support_get_a_clear_error_page(string query, string parameter)
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(RunNowUrl + query);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(parameter, page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scope_that_is_not_registered_or_not_granted_gets_a_clear_error_page()
    {
        using var browser = factory.CreateBrowser();
        var otherApp = await RegisterAppAsync(implicitIdToken: true, "https://other.test/cb");

        var unknown = await browser.NavigateAsync(RunNowUrl + "?scope=https%3A%2F%2Fcontoso.test%2Fnope%2Fread");
        var notGranted = await browser.NavigateAsync(RunNowUrl + $"?scope={otherApp}");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("https://contoso.test/nope/read", unknown.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notGranted.Status);
        Assert.Contains(otherApp, notGranted.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/fabrikam/B2C_1_signin/run-now", "'fabrikam'")]
    [InlineData("/contoso/B2C_1_nosuchflow/run-now", "'B2C_1_nosuchflow'")]
    [InlineData("/contoso/run-now?p=B2C_1_nosuchflow", "'B2C_1_nosuchflow'")]
    [InlineData("/contoso/run-now", "''")]
    [InlineData("/fabrikam/run-now/result", "'fabrikam'")]
    public async Task An_unknown_tenant_or_user_flow_gets_a_404_page(string url, string named)
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains(named, page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flow_named_twice_in_the_query_gets_a_400_page_naming_the_parameter()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync($"/{IdPFactory.Tenant}/run-now?p={IdPFactory.SignInPolicy}&p={IdPFactory.SignInPolicy}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("The 'p' parameter is given more than once.", page.Text(PageElementIds.ErrorMessage));
    }

    [Fact]
    public async Task The_old_list_page_redirects_to_the_portals_user_flows_in_development()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync($"/{IdPFactory.Tenant}/run-now/flows");

        // The list moved to the portal, which has the Run user flow panel on each flow's page (UserFlowsPortalTests).
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/admin/user-flows", response.Headers.Location?.OriginalString);
    }

    private async Task<string> RegisterAppAsync(bool implicitIdToken, params string[] redirectUris)
    {
        var clientId = "app-" + Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Test app " + clientId) { RedirectUris = redirectUris, AllowImplicitIdToken = implicitIdToken });
        return clientId;
    }

    /// <summary>The state of the run that <paramref name="url"/> starts (from its redirect to the authorize endpoint).</summary>
    private static async Task<string> StateOfRunAsync(Browser browser, string url) =>
        QueryHelpers.ParseQuery((await RedirectOfAsync(browser, url)).Query)["state"].ToString();

    private static async Task<Uri> RedirectOfAsync(Browser browser, string url)
    {
        using var response = await browser.Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect from {url}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return response.Headers.Location!;
    }
}

public sealed class RunNowTestsOnSqlite(RunNowFactory<Sqlite> factory) : RunNowTests(factory, factory.Logs), IClassFixture<RunNowFactory<Sqlite>>;

public sealed class RunNowTestsOnPostgres(RunNowFactory<Postgres> factory) : RunNowTests(factory, factory.Logs), IClassFixture<RunNowFactory<Postgres>>;
