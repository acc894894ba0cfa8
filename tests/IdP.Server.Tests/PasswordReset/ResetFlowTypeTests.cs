namespace IdP.Server.Tests.PasswordReset;

/// <summary>How a reset ends for the app: embedded or handed off, a standalone reset flow, and cancel on either step.</summary>
public abstract class ResetFlowTypeTests(IResetServer server) : ResetSuite(server.Factory, "flow")
{
    [Fact]
    public async Task On_a_hand_off_flow_the_link_returns_AADB2C90118_to_the_app()
    {
        var policy = await HandOffFlowAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var signIn = await SignInPage.OpenAsync(browser, request);
        Assert.Contains("/forgot-password?", signIn.ForgotPasswordHref, StringComparison.Ordinal);

        var app = (await signIn.ForgotPasswordAsync()).ToApp();
        Assert.Equal(RedirectUri, app.RedirectUri.ToString());
        app.AssertAccessDenied(request, B2CErrorCodes.ForgotPasswordDescription);

        // The embedded pages are not offered on a hand-off flow, even typed by hand.
        var again = await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        var typed = await browser.NavigateAsync(again.ForgotPasswordHref!.Replace("/forgot-password?", "/password-reset?", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, typed.Status);
        Assert.Equal("Password reset is not available", typed.Document!.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task On_a_hand_off_flow_opening_the_hand_off_url_asks_first_and_only_the_button_tells_the_app()
    {
        var policy = await HandOffFlowAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var signIn = await SignInPage.OpenAsync(browser, request);

        var asked = await browser.NavigateAsync(signIn.ForgotPasswordHref!);
        var stillPending = SignInPage.On(browser, await browser.NavigateAsync(signIn.Page.Url.PathAndQuery));
        var app = (await browser.ClickAsync(asked, PageElementIds.ForgotPassword)).ToApp();

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Null(stillPending.Error);
        app.AssertAccessDenied(request, B2CErrorCodes.ForgotPasswordDescription);
    }

    [Fact]
    public async Task A_hand_off_posted_without_the_antiforgery_token_is_refused_and_the_sign_in_page_stays()
    {
        var policy = await HandOffFlowAsync();
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize(policy));

        var forged = await browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(signIn.Page.Url, signIn.ForgotPasswordHref!))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>()),
        });
        var again = SignInPage.On(browser, await browser.NavigateAsync(signIn.Page.Url.PathAndQuery));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("expired", forged.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
        Assert.Null(again.Error);
    }

    [Fact]
    public async Task A_reset_signs_the_user_in_and_audits_the_password_change_not_a_sign_in()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser)).VerifyAddressAsync(browser, server.Smtp, email);

        var app = (await verified.SetNewPasswordAsync(NewPassword)).ToApp();
        var bySession = (await browser.NavigateAsync(Client.Authorize().Url)).ToApp();

        Assert.NotNull(app["code"]);
        Assert.NotNull(bySession["code"]);
        var events = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.ClientId == ClientId).Select(e => e.Type).ToListAsync());
        Assert.Contains(AuditEventTypes.PasswordChanged, events);
        Assert.DoesNotContain(AuditEventTypes.SignInSucceeded, events);
    }

    [Fact]
    public async Task On_an_embedded_flow_the_link_opens_step_one_in_the_same_authorization_request()
    {
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize();
        var signIn = await SignInPage.OpenAsync(browser, request);
        var signInTx = signIn.Page.Url.Query;
        var step1 = ResetPasswordPage.On(browser, await browser.NavigateAsync(signIn.ForgotPasswordHref!));
        Assert.Equal(signInTx, step1.Page.Url.Query);
        Assert.EndsWith("/password-reset", step1.Page.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standalone_reset_flow_starts_on_step_one_and_ends_with_tokens_for_the_app()
    {
        var policy = await FlowAsync(new UserFlow { Name = Name("passwordreset"), NormalizedName = "", Type = UserFlowType.PasswordReset });
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        using var browser = Factory.CreateBrowser();
        var client = Client;
        var request = client.Authorize(policy);

        var step1 = ResetPasswordPage.On(browser, await browser.NavigateAsync(request.Url));
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var resetAt = Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var app = (await verified.SetNewPasswordAsync(NewPassword)).ToApp();

        var tokens = await client.RedeemCodeAsync(request, app["code"]!);
        Assert.Equal(200, tokens.Status);
        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!, policy);
        Assert.Equal(account.Id.ToString("D"), idToken.Subject);
        Assert.Equal(policy, idToken.GetClaim("tfp").Value);
        Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out var authTime));
        Assert.InRange(authTime, resetAt, resetAt + 1);
    }

    [Fact]
    public async Task Cancel_on_step_one_returns_AADB2C90091_to_the_app()
    {
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize();
        var step1 = await browser.OpenResetFromSignInAsync(request);
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(Unique()));
        var app = (await sent.CancelAsync()).ToApp();
        app.AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);
    }

    [Fact]
    public async Task Cancel_on_step_two_returns_AADB2C90091_and_leaves_the_password_unchanged()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize();
        var verified = await (await browser.OpenResetFromSignInAsync(request)).VerifyAddressAsync(browser, server.Smtp, email);
        var app = (await NewPasswordPage.On(browser, await verified.ContinueAsync()).CancelAsync()).ToApp();
        app.AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);

        using var later = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(later, Client.Authorize());
        Assert.NotNull((await signIn.SignInAsync(email, OldPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task Cancel_in_a_standalone_reset_flow_returns_AADB2C90091()
    {
        var policy = await FlowAsync(new UserFlow { Name = Name("passwordreset"), NormalizedName = "", Type = UserFlowType.PasswordReset });
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var step1 = ResetPasswordPage.On(browser, await browser.NavigateAsync(request.Url));
        var app = (await step1.CancelAsync()).ToApp();
        app.AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);
    }

    private async Task<string> FlowAsync(UserFlow flow) => (await Factory.CreateFlowAsync(flow)).Name;

    private Task<string> HandOffFlowAsync() => FlowAsync(new UserFlow { Name = Name("handoff"), NormalizedName = "", PasswordResetBehavior = PasswordResetBehavior.HandOff });

    private static string Name(string prefix) => $"B2C_1_{prefix}{Guid.NewGuid():N}"[..30];
}

public sealed class ResetFlowTypeTestsOnSqlite(ResetFactory<Sqlite> server) : ResetFlowTypeTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class ResetFlowTypeTestsOnPostgres(ResetFactory<Postgres> server) : ResetFlowTypeTests(server), IClassFixture<ResetFactory<Postgres>>;
