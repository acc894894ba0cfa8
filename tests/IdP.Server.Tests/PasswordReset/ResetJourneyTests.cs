namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// The reset as an interrupt inside sign-in: from the app's authorize request, through both steps, to tokens at the
/// app; and what the reset changes afterwards (passwords, sessions, refresh tokens, lockout, notice, audit).
/// </summary>
public abstract class ResetJourneyTests(IResetServer server) : ResetSuite(server.Factory, "reset")
{
    [Fact]
    public async Task Reset_inside_sign_in_ends_with_tokens_at_the_app_with_auth_time_of_the_reset()
    {
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        using var browser = Factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.UserAgent.ParseAdd("ResetJourneyTests/1.0");
        var client = Client;
        var request = client.Authorize();

        var step1 = await browser.OpenResetFromSignInAsync(request);
        Assert.Equal("Reset password using email address", step1.Heading);
        Assert.Equal("Send verification code", step1.Text(PageElementIds.EmailVerifySend));
        Assert.False(step1.ContinueEnabled);
        Assert.Equal("Cancel", step1.Text(PageElementIds.Cancel));

        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        Assert.Equal(CodeSent, sent.Info);
        Assert.True(sent.EmailIsReadOnly);
        Assert.Equal("Verify code", sent.Text(PageElementIds.EmailVerifyVerify));
        Assert.Equal("Send new code", sent.Text(PageElementIds.EmailVerifyResend));

        var mail = await server.Smtp.WaitForMessageAsync(email);
        Assert.Equal("Contoso Test account email verification code", mail.Subject);
        Assert.Equal("no-reply@contoso.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Contoso Test", mail.From.Mailboxes.Single().Name);
        var code = TestSmtpServer.CodeIn(mail);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains(code, mail.HtmlBody, StringComparison.Ordinal);

        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.Equal(Verified, verified.Success);
        Assert.Equal("Change e-mail", verified.Text(PageElementIds.EmailVerifyEdit));
        Assert.True(verified.ContinueEnabled);
        Assert.Equal("Continue", verified.Text(PageElementIds.Continue));

        Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var resetAt = Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var step2 = await verified.ContinueToNewPasswordAsync();
        Assert.Equal("New Password", step2.Label(PageElementIds.NewPassword));
        Assert.Equal("Confirm New Password", step2.Label(PageElementIds.ReenterPassword));
        Assert.Contains("8-64 characters, containing 3 out of 4", step2.HelpText, StringComparison.Ordinal);

        var app = (await step2.SetPasswordAsync(NewPassword)).ToApp();
        Assert.Equal(RedirectUri, app.RedirectUri.ToString());
        Assert.Equal(request.State, app["state"]);
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);
        Assert.Equal(200, tokens.Status);
        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);
        Assert.Equal(account.Id.ToString("D"), idToken.Subject);
        Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out var authTime));
        Assert.InRange(authTime, resetAt, resetAt + 1);

        var notice = await server.Smtp.WaitForMessageAsync(email, count: 2);
        Assert.Equal("Your Contoso Test account password was changed", notice.Subject);
        Assert.Contains("Your password was changed", notice.TextBody, StringComparison.Ordinal);

        var events = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.AccountId == account.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditEventTypes.ResetCodeSent, AuditEventTypes.ResetCodeVerified, AuditEventTypes.PasswordChanged], events.Select(e => e.Type));
        Assert.All(events, e =>
        {
            Assert.Equal("ResetJourneyTests/1.0", e.UserAgent);
            Assert.Equal(IdPFactory.SignInPolicy, e.Policy);
            Assert.DoesNotContain(code, e.Details ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(NewPassword, e.Details ?? "", StringComparison.Ordinal);
        });

        var outbox = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email).ToListAsync());
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Null(m.ProtectedTextBody);
            Assert.Null(m.ProtectedHtmlBody);
        });
        var stored = await Factory.WithDbAsync(db => db.EmailVerifications.AsNoTracking().Where(v => v.Address == email).ToListAsync());
        Assert.DoesNotContain(stored, v => v.CodeHash.Contains(code, StringComparison.Ordinal));
        Assert.Equal(EmailVerificationStatus.Used, Assert.Single(stored).Status);
    }

    [Fact]
    public async Task After_reset_the_old_password_is_refused_and_the_new_one_accepted()
    {
        var email = await AccountAsync();
        var client = Client;
        using (var resetting = Factory.CreateBrowser())
        {
            Assert.NotNull((await ResetAsync(resetting, client.Authorize(), email, NewPassword)).ToApp()["code"]);
        }

        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, client.Authorize());
        var refused = SignInPage.On(browser, await signIn.SignInAsync(email, OldPassword));
        Assert.Equal("Invalid username or password.", refused.Error);
        var app = (await refused.SignInAsync(email, NewPassword)).ToApp();
        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task Reset_ends_sessions_in_other_browsers_and_revokes_their_refresh_tokens()
    {
        var email = await AccountAsync();
        var client = Client;
        using var other = Factory.CreateBrowser();
        var first = client.Authorize();
        var signedIn = (await (await SignInPage.OpenAsync(other, first)).SignInAsync(email, OldPassword)).ToApp();
        var tokens = await client.RedeemCodeAsync(first, signedIn["code"]!);
        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.NotNull((await other.NavigateAsync(client.Authorize().Url)).ToApp()["code"]);

        using (var resetting = Factory.CreateBrowser())
        {
            Assert.NotNull((await ResetAsync(resetting, client.Authorize(), email, NewPassword)).ToApp()["code"]);
        }

        // The other browser's SSO session no longer answers: it is asked to sign in again.
        await SignInPage.OpenAsync(other, client.Authorize());
        var refused = await client.RefreshAsync(refreshed["refresh_token"]!);
        Assert.Equal(400, refused.Status);
        Assert.Equal("invalid_grant", refused["error"]);
        Assert.StartsWith(B2CErrorCodes.GrantRevoked, refused["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_revokes_the_access_tokens_issued_before_as_an_administrators_password_change_does()
    {
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        var accessToken = await Factory.SignedInApiAccessTokenAsync(new TestUser(email, OldPassword, account));

        using (var resetting = Factory.CreateBrowser())
        {
            Assert.NotNull((await ResetAsync(resetting, Client.Authorize(), email, NewPassword)).ToApp()["code"]);
        }

        await Factory.AssertAccessTokenRefusedAsync(accessToken);
    }

    [Fact]
    public async Task A_reset_that_loses_to_a_change_of_the_account_changes_nothing_and_returns_to_step_1()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var step2 = await (await (await browser.OpenResetFromSignInAsync(Client.Authorize())).VerifyAddressAsync(browser, server.Smtp, email)).ContinueToNewPasswordAsync();

        // The account's row is changed by another request between this one's read and its save: the update finds no row.
        var lost = await Factory.WithTriggerAsync("AspNetUsers", "UPDATE", $"NEW.\"Email\" = '{email}'", TriggerAction.Skip, () => step2.SetPasswordAsync(NewPassword));

        ResetPasswordPage.On(browser, lost);
        using var later = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(later, Client.Authorize());
        var refused = SignInPage.On(later, await signIn.SignInAsync(email, NewPassword));
        Assert.Equal("Invalid username or password.", refused.Error);
        Assert.NotNull((await refused.SignInAsync(email, OldPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task Reset_clears_a_lockout_so_the_new_password_signs_in_at_once()
    {
        var email = await AccountAsync();
        var client = Client;
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, client.Authorize());
        for (var i = 0; i < 10; i++)
        {
            signIn = SignInPage.On(browser, await signIn.SignInAsync(email, "Wrong-Guess-" + i));
        }

        Assert.Equal("Your account is temporarily locked to prevent unauthorized use. Try again later.", signIn.Error);
        var step1 = ResetPasswordPage.On(browser, await browser.NavigateAsync(signIn.ForgotPasswordHref!));
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        var app = (await verified.SetNewPasswordAsync(NewPassword)).ToApp();
        Assert.NotNull(app["code"]);

        using var later = Factory.CreateBrowser();
        var again = await SignInPage.OpenAsync(later, client.Authorize());
        Assert.NotNull((await again.SignInAsync(email, NewPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task Step_two_enforces_the_strong_rule_on_the_server_and_explains_each_refusal()
    {
        var email = Unique();
        await Factory.CreateAccountAsync(email, OldPassword, username: "strong" + Guid.NewGuid().ToString("N")[..6]);
        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser)).VerifyAddressAsync(browser, server.Smtp, email);
        var step2 = await verified.ContinueToNewPasswordAsync();

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync(NewPassword, NewPassword + "x"));
        Assert.Equal("The password entry fields do not match. Please enter the same password in both fields and try again.", step2.Error);

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync("Ab1!"));
        Assert.Contains("The password must be between 8 and 64 characters.", step2.FieldErrors);

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync("alllowercaseletters"));
        Assert.Contains("The password must contain 3 of these 4: lowercase characters, uppercase characters, digits (0-9), symbols.", step2.FieldErrors);

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync("P@ssw0rd"));
        Assert.Contains("This password is too common and easy to guess. Please choose another one.", step2.FieldErrors);

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync(email.ToUpperInvariant()));
        Assert.Contains("The password cannot be your email address or username.", step2.FieldErrors);

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync("Tab\tKey-1"));
        Assert.Contains(step2.FieldErrors, e => e.StartsWith("The password contains a character that is not allowed.", StringComparison.Ordinal));

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync(""));
        Assert.Contains("This information is required.", step2.FieldErrors);

        // The old password still works until a valid one is accepted.
        Assert.NotNull((await step2.SetPasswordAsync(NewPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task Help_text_and_server_rule_follow_the_flows_custom_complexity()
    {
        var policy = "B2C_1_pin" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new IdP.Core.UserFlows.UserFlow
        {
            Name = policy,
            NormalizedName = "",
            PasswordComplexity = IdP.Core.Passwords.PasswordComplexity.Custom(6, 8, 0, numbersOnly: true),
        });
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser, policy)).VerifyAddressAsync(browser, server.Smtp, email);
        var step2 = await verified.ContinueToNewPasswordAsync();
        Assert.Contains("6-8 digits (0-9).", step2.HelpText, StringComparison.Ordinal);

        step2 = NewPasswordPage.On(browser, await step2.SetPasswordAsync(NewPassword));
        Assert.Contains("The password must contain only digits (0-9).", step2.FieldErrors);
        Assert.Contains("The password must be between 6 and 8 characters.", step2.FieldErrors);

        Assert.NotNull((await step2.SetPasswordAsync("80417365")).ToApp()["code"]);
    }

    /// <summary>The whole interrupt in one browser; returns where the browser ended (the app).</summary>
    private async Task<Navigation> ResetAsync(Browser browser, AuthorizeRequest request, string email, string newPassword)
    {
        var verified = await (await browser.OpenResetFromSignInAsync(request)).VerifyAddressAsync(browser, server.Smtp, email);
        return await verified.SetNewPasswordAsync(newPassword);
    }
}

public sealed class ResetJourneyTestsOnSqlite(ResetFactory<Sqlite> server) : ResetJourneyTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class ResetJourneyTestsOnPostgres(ResetFactory<Postgres> server) : ResetJourneyTests(server), IClassFixture<ResetFactory<Postgres>>;
