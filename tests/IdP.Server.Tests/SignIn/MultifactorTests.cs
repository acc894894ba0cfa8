using IdP.Server.SignIn;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// B2C's "Multifactor authentication", Email method, Always on: after the right password the user gets the email
/// verification page (the account's address read-only, "Send verification code", then the code), and only the right
/// code signs in and gives the app its tokens. Codes are the reset's (hashed, limited, mailed through the outbox); a
/// session begun with the second factor answers MFA flows silently, one begun without does not. Runs on both
/// providers, with the in-test SMTP server.
/// </summary>
public abstract class MultifactorTests(IResetServer server) : ResetSuite(server.Factory, "mfa")
{
    private const string Incorrect = "That code is incorrect. Please try again.";
    private const string TooManyRequests = "There have been too many requests to verify this email address. Please wait a while, then try again.";

    [Fact]
    public async Task Always_on_asks_for_the_emailed_code_before_the_app_gets_tokens()
    {
        var policy = await MfaFlowAsync();
        var (email, account) = await UserAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);

        var mfa = await PasswordAsync(browser, request, email);
        Assert.Equal(email, mfa.EmailValue);
        Assert.True(mfa.EmailIsReadOnly);
        Assert.Equal("Send verification code", mfa.Text(PageElementIds.ReadOnlyEmailVerifySend));
        Assert.False(mfa.CanEnterCode);
        Assert.Empty(server.Smtp.To(email));

        var sent = MultifactorPage.On(browser, await mfa.SendCodeAsync());
        Assert.Equal(CodeSent, sent.Info);
        Assert.True(sent.CanEnterCode);
        Assert.Equal("Verify code", sent.Text(PageElementIds.ReadOnlyEmailVerifyVerify));
        var code = await server.Smtp.WaitForCodeAsync(email);

        var app = (await sent.VerifyAsync(code)).ToApp();
        Assert.Equal(request.State, app["state"]);
        var tokens = await Client.RedeemCodeAsync(request, app["code"]!, policy);
        Assert.Equal(200, tokens.Status);
        Assert.Equal(account.Id.ToString("D"), (await Client.ValidateIdTokenAsync(tokens["id_token"]!, policy)).Subject);
        Assert.True(await SessionHasMultifactorAsync(account.Id));
        Assert.Equal([AuditEventTypes.MultifactorCodeSent, AuditEventTypes.MultifactorCodeVerified, AuditEventTypes.SignInSucceeded], await AuditTypesAsync(account.Id));
    }

    [Fact]
    public async Task Leaving_the_code_page_leaves_nobody_signed_in()
    {
        var policy = await MfaFlowAsync();
        var (email, account) = await UserAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        await (await PasswordAsync(browser, request, email)).SendCodeAsync();

        // The app's request replayed, and new ones: the sign-in page every time, on this flow and on the default one.
        SignInPage.On(browser, await browser.NavigateAsync(request.Url));
        await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        await SignInPage.OpenAsync(browser, Client.Authorize());
        Assert.Null(browser.SsoCookie);
        Assert.False(await Factory.WithDbAsync(db => db.SignInSessions.AnyAsync(s => s.AccountId == account.Id)));
        Assert.DoesNotContain(AuditEventTypes.SignInSucceeded, await AuditTypesAsync(account.Id));
    }

    [Fact]
    public async Task A_code_posted_without_the_antiforgery_token_is_refused_and_cancel_returns_AADB2C90091()
    {
        var policy = await MfaFlowAsync();
        var (email, _) = await UserAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var sent = await CodeSentAsync(browser, request, email);
        var code = await server.Smtp.WaitForCodeAsync(email);

        var forged = await browser.SendAndFollowAsync(await ResetTestExtensions.WithoutAntiforgeryTokenAsync(browser.FormSubmission(
            sent.Page, "form#attributeVerification", new Dictionary<string, string> { [PageElementIds.ReadOnlyEmailVerifyInput] = code }, PageElementIds.ReadOnlyEmailVerifyVerify)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Null(browser.SsoCookie);
        (await sent.CancelAsync()).ToApp().AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);
        Assert.Null(browser.SsoCookie);
    }

    [Fact]
    public async Task Keep_me_signed_in_ticked_with_the_password_gives_a_kept_session_after_the_code()
    {
        var policy = "B2C_1_mfak" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", KeepMeSignedIn = true, MultifactorEnforcement = MultifactorEnforcement.AlwaysOn });
        var (email, account) = await UserAsync();
        using var browser = Factory.CreateBrowser();

        var mfa = MultifactorPage.On(browser, await (await SignInPage.OpenAsync(browser, Client.Authorize(policy))).SignInAsync(email, OldPassword, keepMeSignedIn: true));
        var sent = MultifactorPage.On(browser, await mfa.SendCodeAsync());
        Assert.NotNull((await sent.VerifyAsync(await server.Smtp.WaitForCodeAsync(email))).ToApp()["code"]);

        var session = await Factory.WithDbAsync(db => db.SignInSessions.AsNoTracking().SingleAsync(s => s.AccountId == account.Id));
        Assert.Equal((TimeSpan.FromDays(UserFlowRules.DefaultKeepMeSignedInDays), true), (session.ExpiresAt - session.AuthenticatedAt, session.MultifactorAuthenticated));
        Assert.False(browser.SsoCookie!.Expires == DateTime.MinValue);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_audited_and_the_right_one_still_signs_in()
    {
        var policy = await MfaFlowAsync();
        var (email, account) = await UserAsync();
        using var browser = Factory.CreateBrowser();
        var sent = await CodeSentAsync(browser, Client.Authorize(policy), email);
        var code = await server.Smtp.WaitForCodeAsync(email);

        var wrong = MultifactorPage.On(browser, await sent.VerifyAsync(Other(code)));

        Assert.Equal(Incorrect, wrong.Error);
        Assert.Null(browser.SsoCookie);
        Assert.Equal("wrong", await Factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == account.Id && e.Type == AuditEventTypes.MultifactorCodeFailed).Select(e => e.Details).SingleAsync()));
        Assert.NotNull((await wrong.VerifyAsync(code)).ToApp()["code"]);
    }

    [Fact]
    public async Task Codes_keep_the_resets_cooldown_per_address()
    {
        var policy = await MfaFlowAsync();
        var (email, _) = await UserAsync();
        using var browser = Factory.CreateBrowser();
        var sent = await CodeSentAsync(browser, Client.Authorize(policy), email);
        await server.Smtp.WaitForCodeAsync(email);

        Factory.Clock.Advance(TimeSpan.FromSeconds(29));
        var refused = MultifactorPage.On(browser, await sent.SendNewCodeAsync());
        Assert.Equal(TooManyRequests, refused.Error);
        var hash = ThrottleKey.ForMultifactorAddress(SignInNameNormalizer.Normalize(email));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.EmailCodeSends.CountAsync(c => c.AddressHash == hash)));

        // A reset asked for the same address in another browser counts apart (see the test below).
        using var other = Factory.CreateBrowser();
        Assert.Equal(CodeSent, ResetPasswordPage.On(other, await (await OpenResetAsync(other)).SendCodeAsync(email)).Info);
        await server.Smtp.WaitForCodeAsync(email, 2);

        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CodeSent, MultifactorPage.On(browser, await refused.SendNewCodeAsync()).Info);
        await server.Smtp.WaitForCodeAsync(email, 3);
    }

    [Fact]
    public async Task Resets_anyone_asks_for_the_address_do_not_hold_back_the_second_factors_code()
    {
        var policy = await MfaFlowAsync();
        var (email, account) = await UserAsync();

        // Someone who knows only the address asks for a reset code (as often as the reset allows, its cooldown and
        // counts for the address run)...
        using var stranger = Factory.CreateBrowser();
        Assert.Equal(CodeSent, ResetPasswordPage.On(stranger, await (await OpenResetAsync(stranger)).SendCodeAsync(email)).Info);
        await server.Smtp.WaitForCodeAsync(email);

        // ...yet the account's own sign-in still gets its code at once, and signs in with it.
        using var browser = Factory.CreateBrowser();
        var sent = await CodeSentAsync(browser, Client.Authorize(policy), email);
        Assert.Equal(CodeSent, sent.Info);
        Assert.NotNull((await sent.VerifyAsync(await server.Smtp.WaitForCodeAsync(email, 2))).ToApp()["code"]);
        Assert.True(await SessionHasMultifactorAsync(account.Id));
    }

    [Fact]
    public async Task A_code_sent_to_another_account_earlier_in_the_journey_does_not_sign_in()
    {
        var policy = await MfaFlowAsync();
        var (mine, _) = await UserAsync();
        var (victim, victimAccount) = await UserAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var sent = await CodeSentAsync(browser, request, mine);
        var myCode = await server.Smtp.WaitForCodeAsync(mine);

        // The same journey, back on its sign-in page, with another account's password.
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(sent.Page.Url.AbsoluteUri.Replace("/signin/mfa?", "/signin?", StringComparison.Ordinal)));
        var theirs = MultifactorPage.On(browser, await signIn.SignInAsync(victim, OldPassword));
        Assert.Equal(victim, theirs.EmailValue);
        Assert.False(theirs.CanEnterCode);

        var post = browser.FormSubmission(theirs.Page, "form#attributeVerification", new Dictionary<string, string> { [PageElementIds.ReadOnlyEmailVerifyInput] = myCode });
        post.RequestUri = new Uri(theirs.Page.Url.AbsoluteUri.Replace("/signin/mfa?", "/signin/mfa?handler=VerifyCode&", StringComparison.Ordinal));
        var refused = MultifactorPage.On(browser, await browser.SendAndFollowAsync(post));
        Assert.Equal("That code is expired. Please request a new code.", refused.Error);
        Assert.Null(browser.SsoCookie);
        Assert.False(await Factory.WithDbAsync(db => db.SignInSessions.AnyAsync(s => s.AccountId == victimAccount.Id)));
    }

    [Fact]
    public async Task The_code_page_answers_odd_posts_and_a_missing_step_with_pages_never_an_error()
    {
        var policy = await MfaFlowAsync();
        var (email, _) = await UserAsync();
        using var browser = Factory.CreateBrowser();

        // No password proven yet in this journey: the code page is the sign-in page's.
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        var early = await browser.NavigateAsync(signIn.Page.Url.AbsoluteUri.Replace("/signin?", "/signin/mfa?", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, SignInPage.On(browser, early).Page.Status);

        // A huge code is a wrong one, an empty one is asked for again, on the page; nobody is signed in.
        var sent = await CodeSentAsync(browser, Client.Authorize(policy), email);
        Assert.Equal(Incorrect, MultifactorPage.On(browser, await sent.VerifyAsync(new string('9', 100_000))).Error);
        foreach (var empty in new[] { "", " \t " })
        {
            Assert.Equal(["This information is required."], MultifactorPage.On(browser, await sent.VerifyAsync(empty)).FieldErrors);
        }

        Assert.Null(browser.SsoCookie);

        // Without its journey the page is the "session expired" page.
        var lost = await browser.NavigateAsync(new Uri(sent.Page.Url, sent.Page.Url.AbsolutePath).AbsoluteUri);
        Assert.Equal(HttpStatusCode.BadRequest, lost.Status);
    }

    [Fact]
    public async Task A_session_begun_with_the_code_signs_in_silently_and_one_begun_without_it_does_not()
    {
        var policy = await MfaFlowAsync();
        var (email, account) = await UserAsync();
        var user = new TestUser(email, OldPassword, account);

        // Without: a session of the default flow answers that flow, not the MFA flow (password and code again).
        using var plain = Factory.CreateBrowser();
        await plain.SignInAndRedeemAsync(Client, user);
        Assert.NotNull((await plain.NavigateAsync(Client.Authorize().Url)).ToApp()["code"]);
        SignInPage.On(plain, await plain.NavigateAsync(Client.Authorize(policy).Url));
        var silent = (await plain.NavigateAsync((Client.Authorize(policy) with { Prompt = "none" }).Url)).ToApp();
        Assert.Equal("login_required", silent["error"]);
        Assert.False(await SessionHasMultifactorAsync(account.Id));

        // With: the MFA flow's own sign-in, then silent sign-ins on it, also on a second node reading the same row.
        Assert.NotNull((await SignInWithCodeAsync(plain, Client.Authorize(policy), email)).ToApp()["code"]);
        Assert.NotNull((await plain.NavigateAsync(Client.Authorize(policy).Url)).ToApp()["code"]);
        await using var second = Factory.OnSameDatabase();
        await second.InitializeAsync();
        using var there = second.CreateBrowser();
        there.Cookies.Add(new Uri(IdPFactory.Origin), new Cookie(SsoSession.CookieName, plain.SsoCookie!.Value));
        Assert.NotNull((await there.NavigateAsync(Client.Authorize(policy).Url)).ToApp()["code"]);

        // The password asked again on the default flow (prompt=login) replaces the session and keeps its second factor.
        Assert.NotNull((await (await SignInPage.OpenAsync(plain, Client.Authorize() with { Prompt = "login" })).SignInAsync(email, OldPassword)).ToApp()["code"]);
        Assert.True(await SessionHasMultifactorAsync(account.Id));
        Assert.NotNull((await plain.NavigateAsync(Client.Authorize(policy).Url)).ToApp()["code"]);
    }

    [Fact]
    public async Task A_password_reset_inside_the_flow_proves_the_mailbox_and_asks_no_second_code()
    {
        var policy = await MfaFlowAsync();
        var (email, account) = await UserAsync();
        using var browser = Factory.CreateBrowser();

        var step1 = await browser.OpenResetFromSignInAsync(Client.Authorize(policy));
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);

        Assert.True(await SessionHasMultifactorAsync(account.Id));
        Assert.NotNull((await browser.NavigateAsync(Client.Authorize(policy).Url)).ToApp()["code"]);
    }

    [Fact]
    public async Task An_account_without_an_email_address_is_told_so_and_not_signed_in()
    {
        var policy = "B2C_1_mfau" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SignInType = SignInNameKind.Username, MultifactorEnforcement = MultifactorEnforcement.AlwaysOn });
        var username = "mfa" + Guid.NewGuid().ToString("N")[..10];
        await Factory.WithScopeAsync(async sp => Assert.IsType<AccountCreation.Created>(
            await sp.GetRequiredService<AccountService>().CreateAsync(new NewAccount(OldPassword) { Username = username, DisplayName = "No Mail" }, CancellationToken.None)));
        using var browser = Factory.CreateBrowser();

        var mfa = await PasswordAsync(browser, Client.Authorize(policy), username);

        Assert.Equal("Your account has no email address to send a verification code to. Please contact your administrator.", mfa.Error);
        Assert.False(mfa.CanSend);
        Assert.Null(browser.SsoCookie);
    }

    [Fact]
    public async Task In_French_the_code_page_is_French()
    {
        var policy = await MfaFlowAsync();
        var (email, _) = await UserAsync();
        using var browser = Factory.CreateBrowser();

        var mfa = await PasswordAsync(browser, Client.Authorize(policy) with { UiLocales = "fr" }, email);

        Assert.Equal("Vérifier votre adresse e-mail", mfa.Heading);
        Assert.Equal("Envoyer le code de vérification", mfa.Text(PageElementIds.ReadOnlyEmailVerifySend));
    }

    [Fact]
    public async Task A_marked_account_enters_the_code_first_then_changes_its_password()
    {
        var policy = "B2C_1_mfaf" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", ForcedPasswordReset = true, MultifactorEnforcement = MultifactorEnforcement.AlwaysOn });
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();

        var change = NewPasswordPage.On(browser, await SignInWithCodeAsync(browser, Client.Authorize(policy), email));
        Assert.EndsWith("/signin/change-password", change.Page.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull((await change.SetPasswordAsync(NewPassword)).ToApp()["code"]);
        Assert.True(await SessionHasMultifactorAsync(account.Id));
    }

    /// <summary>A sign-in flow with MFA Always on (Email); returns its name.</summary>
    private async Task<string> MfaFlowAsync()
    {
        var policy = "B2C_1_mfa" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", MultifactorEnforcement = MultifactorEnforcement.AlwaysOn });
        return policy;
    }

    private async Task<(string Email, Account Account)> UserAsync()
    {
        var email = Unique();
        return (email, await Factory.CreateAccountAsync(email, OldPassword));
    }

    /// <summary>The password on the sign-in page; asserts the browser is asked for the second factor.</summary>
    private static async Task<MultifactorPage> PasswordAsync(Browser browser, AuthorizeRequest request, string signInName) =>
        MultifactorPage.On(browser, await (await SignInPage.OpenAsync(browser, request)).SignInAsync(signInName, OldPassword));

    /// <summary>The password, then "Send verification code": the page asking for the code.</summary>
    private static async Task<MultifactorPage> CodeSentAsync(Browser browser, AuthorizeRequest request, string email) =>
        MultifactorPage.On(browser, await (await PasswordAsync(browser, request, email)).SendCodeAsync());

    /// <summary>The password, a code sent and entered: where the browser ends.</summary>
    private async Task<Navigation> SignInWithCodeAsync(Browser browser, AuthorizeRequest request, string email)
    {
        var before = server.Smtp.To(email).Count;
        var sent = await CodeSentAsync(browser, request, email);
        return await sent.VerifyAsync(await server.Smtp.WaitForCodeAsync(email, before + 1));
    }

    private Task<bool> SessionHasMultifactorAsync(Guid accountId) =>
        Factory.WithDbAsync(db => db.SignInSessions.Where(s => s.AccountId == accountId && s.EndedAt == null).Select(s => s.MultifactorAuthenticated).SingleAsync());

    private Task<List<string>> AuditTypesAsync(Guid accountId) =>
        Factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == accountId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
}

public sealed class MultifactorTestsOnSqlite(ResetFactory<Sqlite> server) : MultifactorTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class MultifactorTestsOnPostgres(ResetFactory<Postgres> server) : MultifactorTests(server), IClassFixture<ResetFactory<Postgres>>;
