using System.Text.RegularExpressions;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// Who may reset: the tenant switch (None, Selected, All), disabled accounts, username flows; and that nothing tells a
/// stranger whether an address has an account until its code is verified.
/// </summary>
public abstract partial class ResetAccessTests(IResetServer server) : ResetSuite(server.Factory, "access")
{
    [Fact]
    public async Task With_reset_off_the_link_is_hidden_and_every_reset_url_shows_a_clear_error()
    {
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize());
        var linkWhileOn = signIn.ForgotPasswordHref;
        Assert.NotNull(linkWhileOn);
        Assert.Equal("Can't access your account?", signIn.Page.Text(PageElementIds.ForgotPassword));

        await Factory.SetResetModeAsync(PasswordResetMode.None);
        var hidden = await SignInPage.OpenAsync(browser, Client.Authorize());
        Assert.Null(hidden.ForgotPasswordHref);

        var tx = Regex.Match(linkWhileOn, "tx=([^&]+)").Groups[1].Value;
        string[] urls =
        [
            linkWhileOn,
            $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/password-reset/new-password?tx={tx}",
            $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/forgot-password?tx={tx}",
            $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/password-reset",
            $"/{IdPFactory.Tenant}/B2C_1_typed_by_hand/password-reset?tx=nonsense",
        ];
        foreach (var url in urls)
        {
            var page = await browser.NavigateAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal("Password reset is not available", page.Document!.QuerySelector("h1")!.TextContent.Trim());
            Assert.Equal("Self-service password reset is not enabled for this directory. Contact your administrator.", page.Text(PageElementIds.ErrorMessage));
        }

        // A valid form posted to the reset page (say, from a tab opened before the switch changed) is refused the same way.
        var address = Unique();
        var sendCode = QueryHelpers.AddQueryString(linkWhileOn, "handler", "SendCode");
        var posted = await PostFormAsync(browser, signIn.Page, sendCode, new Dictionary<string, string> { [PageElementIds.Email] = address });
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Empty(await Factory.WithDbAsync(db => db.EmailVerifications.AsNoTracking().Where(v => v.Address == address).ToListAsync()));
    }

    [Fact]
    public async Task Selected_mode_lets_members_of_the_group_reset()
    {
        var group = await NewGroupAsync("resetters");
        var (email, _) = await AccountInGroupAsync(group);
        await Factory.SetResetModeAsync(PasswordResetMode.Selected, group.Id);

        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser)).VerifyAddressAsync(browser, server.Smtp, email);
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task Selected_mode_tells_an_account_outside_the_group_only_after_its_code_is_verified()
    {
        var group = await NewGroupAsync("resetters");
        var email = await AccountAsync();
        await Factory.SetResetModeAsync(PasswordResetMode.Selected, group.Id);

        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, email);
        Assert.Equal(CodeSent, sent.Info);
        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(await server.Smtp.WaitForCodeAsync(email)));
        Assert.NotNull(verified.Success);

        var refused = ResetPasswordPage.On(browser, await verified.ContinueAsync());
        Assert.Equal("Password reset is not enabled for your account. Contact your administrator.", refused.Error);
        var typed = await browser.NavigateAsync(NewPasswordUrl(refused));
        ResetPasswordPage.On(browser, typed);
    }

    [Fact]
    public async Task Selected_mode_refuses_a_member_of_another_group_and_leaves_the_password_as_it_was()
    {
        var selected = await NewGroupAsync("resetters");
        var (email, account) = await AccountInGroupAsync(await NewGroupAsync("others"));
        await Factory.SetResetModeAsync(PasswordResetMode.Selected, selected.Id);

        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser)).VerifyAddressAsync(browser, server.Smtp, email);
        var refused = ResetPasswordPage.On(browser, await verified.ContinueAsync());
        Assert.Equal("Password reset is not enabled for your account. Contact your administrator.", refused.Error);

        await NewPasswordPostedDirectlyChangesNothingAsync(browser, refused, account);
    }

    [Fact]
    public async Task A_disabled_account_cannot_reset()
    {
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        await Factory.DisableAccountAsync(account.Id);

        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser)).VerifyAddressAsync(browser, server.Smtp, email);
        var refused = ResetPasswordPage.On(browser, await verified.ContinueAsync());
        Assert.Equal("Your account has been locked. Contact your support person to unlock it, then try again.", refused.Error);

        // Step 2 typed or posted directly sends the browser back to step 1 and changes nothing.
        ResetPasswordPage.On(browser, await browser.NavigateAsync(NewPasswordUrl(refused)));
        await NewPasswordPostedDirectlyChangesNothingAsync(browser, refused, account);
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_identical_pages_and_only_the_known_one_gets_mail()
    {
        var known = Unique();
        var unknown = Unique();
        await Factory.CreateAccountAsync(known, OldPassword);
        using var knownBrowser = Factory.CreateBrowser();
        using var unknownBrowser = Factory.CreateBrowser();
        var k = await OpenResetAsync(knownBrowser);
        var u = await OpenResetAsync(unknownBrowser);
        AssertSame(k.Page, known, u.Page, unknown);

        k = ResetPasswordPage.On(knownBrowser, await k.SendCodeAsync(known));
        var knownSql = server.Sql.LastPost();
        u = ResetPasswordPage.On(unknownBrowser, await u.SendCodeAsync(unknown));
        var unknownSql = server.Sql.LastPost();
        AssertSame(k.Page, known, u.Page, unknown);

        // The same statements, in the same order: the lookups do not stop early for a known address, and both write an
        // outbox row (the unknown one a decoy), so neither the database work nor its timing tells them apart.
        Assert.NotEmpty(knownSql);
        Assert.Contains(knownSql, c => c.Contains("OutboxMessages", StringComparison.Ordinal) && c.Contains("INSERT", StringComparison.Ordinal));
        Assert.Equal(knownSql, unknownSql);
        var code = await server.Smtp.WaitForCodeAsync(known);

        k = ResetPasswordPage.On(knownBrowser, await k.VerifyAsync(Other(code)));
        u = ResetPasswordPage.On(unknownBrowser, await u.VerifyAsync(code));
        Assert.Equal("That code is incorrect. Please try again.", k.Error);
        AssertSame(k.Page, known, u.Page, unknown);

        k = ResetPasswordPage.On(knownBrowser, await k.SendNewCodeAsync());
        u = ResetPasswordPage.On(unknownBrowser, await u.SendNewCodeAsync());
        Assert.Equal("There have been too many requests to verify this email address. Please wait a while, then try again.", k.Error);
        AssertSame(k.Page, known, u.Page, unknown);

        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        k = ResetPasswordPage.On(knownBrowser, await k.SendNewCodeAsync());
        u = ResetPasswordPage.On(unknownBrowser, await u.SendNewCodeAsync());
        AssertSame(k.Page, known, u.Page, unknown);
        await server.Smtp.WaitForMessageAsync(known, count: 2);

        // Both addresses did the same work in the database: codes and outbox rows alike. The unknown address's rows are
        // decoys the worker drops unsent; only the known one received mail.
        var rows = await Factory.WithDbAsync(db => db.EmailVerifications.AsNoTracking().Where(v => v.Address == known || v.Address == unknown).ToListAsync());
        Assert.Equal(2, rows.Count(v => v.Address == known));
        Assert.Equal(2, rows.Count(v => v.Address == unknown));
        var decoys = await SettledOutboxRowsAsync(unknown, 2);
        Assert.All(decoys, m => Assert.True(m.IsDecoy && m.DroppedAt is not null && m.SentAt is null && m.ProtectedTextBody is null && m.ProtectedHtmlBody is null));
        var sent = await SettledOutboxRowsAsync(known, 2);
        Assert.All(sent, m => Assert.True(!m.IsDecoy && m.SentAt is not null && m.DroppedAt is null));
        Assert.Empty(server.Smtp.To(unknown));
    }

    [Fact]
    public async Task Username_flow_asks_for_the_username_and_mails_the_code_to_that_accounts_contact_email()
    {
        var policy = await UsernameFlowAsync();
        var username = "user" + Guid.NewGuid().ToString("N")[..8];
        var contact = Unique();
        var account = await Factory.CreateAccountAsync(Unique(), OldPassword, username: username, contactEmail: contact);

        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser, policy);
        Assert.Equal("Reset password using username", step1.Heading);
        Assert.True(step1.HasUsername);

        var missing = ResetPasswordPage.On(browser, await step1.SendCodeAsync(contact, username: ""));
        Assert.Contains("This information is required.", missing.FieldErrors);

        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, contact, username.ToUpperInvariant());
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);

        var client = Client;
        var request = client.Authorize(policy);
        using var later = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(later, request);
        var app = (await signIn.SignInAsync(username, NewPassword)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);
        Assert.Equal(account.Id.ToString("D"), (await client.ValidateIdTokenAsync(tokens["id_token"]!, policy)).Subject);
    }

    [Fact]
    public async Task Username_with_someone_elses_email_is_told_no_account_only_after_verifying_that_mailbox()
    {
        var policy = await UsernameFlowAsync();
        var username = "user" + Guid.NewGuid().ToString("N")[..8];
        await Factory.CreateAccountAsync(Unique(), OldPassword, username: username, contactEmail: Unique());
        var otherMailbox = Unique();
        await Factory.CreateAccountAsync(otherMailbox, "Other-Password-1");

        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser, policy);
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, otherMailbox, username);
        var refused = ResetPasswordPage.On(browser, await verified.ContinueAsync());
        Assert.Equal("An account could not be found for the provided user ID.", refused.Error);
    }

    [Fact]
    public async Task Both_reset_steps_posted_without_the_antiforgery_token_are_refused_and_change_nothing()
    {
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser);

        // "Send verification code" as a forged cross-site form would post it: every field but the token.
        var send = await browser.SendAndFollowAsync(await ResetTestExtensions.WithoutAntiforgeryTokenAsync(
            browser.FormSubmission(step1.Page, "form#attributeVerification", new Dictionary<string, string> { [PageElementIds.Email] = email }, PageElementIds.EmailVerifySend)));
        Assert.Equal(HttpStatusCode.BadRequest, send.Status);
        Assert.Contains("expired", send.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Factory.WithDbAsync(db => db.EmailVerifications.AsNoTracking().Where(v => v.Address == email).ToListAsync()));

        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        var step2 = await verified.ContinueToNewPasswordAsync();
        var change = await browser.SendAndFollowAsync(await ResetTestExtensions.WithoutAntiforgeryTokenAsync(browser.FormSubmission(
            step2.Page,
            "form#attributeVerification",
            new Dictionary<string, string> { [PageElementIds.NewPassword] = NewPassword, [PageElementIds.ReenterPassword] = NewPassword },
            PageElementIds.Continue)));
        Assert.Equal(HttpStatusCode.BadRequest, change.Status);
        Assert.Contains("expired", change.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
        var hash = await Factory.WithDbAsync(db => db.Users.AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.PasswordHash).SingleAsync());
        Assert.Equal(account.PasswordHash, hash);
        Assert.Single(server.Smtp.To(email));
    }

    /// <summary>Posts a form to <paramref name="url"/> with the antiforgery token of a form on <paramref name="page"/>.</summary>
    private static Task<Navigation> PostFormAsync(Browser browser, Navigation page, string url, Dictionary<string, string> values)
    {
        var token = page.Document!.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        values["__RequestVerificationToken"] = token;
        return browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) });
    }

    private Task<IdP.Core.Groups.Group> NewGroupAsync(string prefix) => Factory.CreateGroupAsync($"{prefix}-{Guid.NewGuid().ToString("N")[..6]}");

    /// <summary>A new account (its email, the old password) that is a member of <paramref name="group"/>.</summary>
    private async Task<(string Email, Account Account)> AccountInGroupAsync(IdP.Core.Groups.Group group)
    {
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        await Factory.AddToGroupAsync(group.Id, account.Id);
        return (email, account);
    }

    private static string NewPasswordUrl(ResetPasswordPage step1) =>
        step1.Page.Url.PathAndQuery.Replace("/password-reset?", "/password-reset/new-password?", StringComparison.Ordinal);

    /// <summary>Step 2 posted directly after step 1 refused the account: back to step 1, the password as it was.</summary>
    private async Task NewPasswordPostedDirectlyChangesNothingAsync(Browser browser, ResetPasswordPage refused, Account account)
    {
        var posted = await PostFormAsync(browser, refused.Page, NewPasswordUrl(refused), new Dictionary<string, string>
        {
            [PageElementIds.NewPassword] = NewPassword,
            [PageElementIds.ReenterPassword] = NewPassword,
        });
        ResetPasswordPage.On(browser, posted);
        var hash = await Factory.WithDbAsync(db => db.Users.AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.PasswordHash).SingleAsync());
        Assert.Equal(account.PasswordHash, hash);
    }

    /// <summary>Two responses are the same page once the per-request antiforgery token, journey id and typed address are set aside.</summary>
    private static void AssertSame(Navigation known, string knownAddress, Navigation unknown, string unknownAddress)
    {
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Url.AbsolutePath, unknown.Url.AbsolutePath);
        Assert.Equal(Normalize(known.Body, knownAddress), Normalize(unknown.Body, unknownAddress));
    }

    private static string Normalize(string html, string address)
    {
        var withoutToken = AntiforgeryValue().Replace(html, "$1TOKEN\"");
        return JourneyId().Replace(withoutToken, "tx=TX").Replace(address, "ADDRESS", StringComparison.Ordinal);
    }

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("tx=[A-Za-z0-9_-]+")]
    private static partial Regex JourneyId();
}

public sealed class ResetAccessTestsOnSqlite(ResetFactory<Sqlite> server) : ResetAccessTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class ResetAccessTestsOnPostgres(ResetFactory<Postgres> server) : ResetAccessTests(server), IClassFixture<ResetFactory<Postgres>>;
