using Microsoft.AspNetCore.Identity;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// B2C's "Forced password reset": an account an administrator marked (forceChangePasswordNextSignIn) signs in on a flow
/// with the property on, must choose a new password before anything is signed in, and the app then gets its tokens;
/// on a flow with the property off the mark is ignored. Runs on both providers, with mail for the reset by email.
/// </summary>
public abstract class ForcedPasswordResetTests(IResetServer server) : ResetSuite(server.Factory, "forced")
{
    private readonly AdminApiClient _admin = new(server.Factory);

    private const string MustChange = "You need to change your password before you continue.";
    private const string Unchanged = "Your new password must be different from your current password.";

    [Fact]
    public async Task A_marked_account_chooses_a_new_password_then_the_app_gets_tokens_with_auth_time_of_the_change()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);

        var change = await ChangePageAsync(browser, request, email);
        Assert.Equal(MustChange, change.Page.Document!.QuerySelector(".intro p")?.TextContent.Trim());
        Assert.Equal("New Password", change.Label(PageElementIds.NewPassword));
        Assert.Equal("Confirm New Password", change.Label(PageElementIds.ReenterPassword));
        Assert.Contains("8-64 characters, containing 3 out of 4", change.HelpText, StringComparison.Ordinal);
        Assert.Equal("Continue", change.Page.Text(PageElementIds.Continue));
        Assert.Equal([AuditEventTypes.PasswordChangeRequired], await AuditTypesAsync(account.Id));

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var changedAt = Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var app = (await change.SetPasswordAsync(NewPassword)).ToApp();
        Assert.Equal(request.State, app["state"]);
        var tokens = await Client.RedeemCodeAsync(request, app["code"]!, policy);
        Assert.Equal(200, tokens.Status);
        var idToken = await Client.ValidateIdTokenAsync(tokens["id_token"]!, policy);
        Assert.Equal(account.Id.ToString("D"), idToken.Subject);
        Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out var authTime));
        Assert.InRange(authTime, changedAt, changedAt + 1);

        Assert.False(await MarkedAsync(account.Id));
        Assert.Equal([AuditEventTypes.PasswordChangeRequired, AuditEventTypes.ForcedPasswordChanged, AuditEventTypes.SignInSucceeded], await AuditTypesAsync(account.Id));

        // The temporary password is gone; the chosen one signs in without another change.
        using var later = Factory.CreateBrowser();
        var refused = SignInPage.On(later, await (await SignInPage.OpenAsync(later, Client.Authorize(policy))).SignInAsync(email, OldPassword));
        Assert.Equal("Invalid username or password.", refused.Error);
        Assert.NotNull((await later.SignInThroughFormAsync(Client.Authorize(policy), new TestUser(email, NewPassword, account))).ToApp()["code"]);
    }

    [Fact]
    public async Task A_marked_account_on_a_flow_without_the_property_gets_its_tokens_at_once_and_stays_marked()
    {
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();

        var tokens = await browser.SignInAndRedeemAsync(Client, new TestUser(email, OldPassword, account));

        var idToken = await Client.ValidateIdTokenAsync(tokens["id_token"]!);
        Assert.Equal(account.Id.ToString("D"), idToken.Subject);
        Assert.True(await MarkedAsync(account.Id));
    }

    [Fact]
    public async Task Leaving_the_change_page_leaves_nobody_signed_in()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        await ChangePageAsync(browser, request, email);

        // The app's request replayed, and a new one: both show the sign-in page, on this flow and on the default one.
        SignInPage.On(browser, await browser.NavigateAsync(request.Url));
        await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        await SignInPage.OpenAsync(browser, Client.Authorize());
        Assert.True(await MarkedAsync(account.Id));
    }

    [Fact]
    public async Task The_change_page_of_a_journey_that_proved_no_password_sends_the_user_to_the_sign_in_page()
    {
        var policy = await ForcingFlowAsync();
        var (_, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        var changeUrl = signIn.Page.Url.AbsoluteUri.Replace("/signin?", "/signin/change-password?", StringComparison.Ordinal);

        SignInPage.On(browser, await browser.NavigateAsync(changeUrl));

        // A post with a valid antiforgery token (taken from the sign-in form) changes nothing either.
        var post = browser.FormSubmission(signIn.Page, "form#localAccountForm", new Dictionary<string, string>
        {
            [PageElementIds.NewPassword] = NewPassword,
            [PageElementIds.ReenterPassword] = NewPassword,
        });
        post.RequestUri = new Uri(changeUrl);
        SignInPage.On(browser, await browser.SendAndFollowAsync(post));
        Assert.True(await MarkedAsync(account.Id));
        Assert.Equal(PasswordVerificationResult.Success, await VerifyPasswordAsync(account.Id, OldPassword));
        Assert.Empty(await AuditTypesAsync(account.Id));
    }

    [Fact]
    public async Task The_change_posted_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);

        var forged = await browser.SendAndFollowAsync(await ResetTestExtensions.WithoutAntiforgeryTokenAsync(browser.FormSubmission(
            change.Page, "form#attributeVerification", new Dictionary<string, string> { [PageElementIds.NewPassword] = NewPassword, [PageElementIds.ReenterPassword] = NewPassword }, PageElementIds.Continue)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.True(await MarkedAsync(account.Id));
        Assert.Equal(PasswordVerificationResult.Success, await VerifyPasswordAsync(account.Id, OldPassword));
    }

    [Fact]
    public async Task The_current_password_is_refused_as_the_new_one()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);

        var again = ChangePage(browser, await change.SetPasswordAsync(OldPassword));

        Assert.Equal([Unchanged], again.FieldErrors);
        Assert.True(await MarkedAsync(account.Id));
    }

    [Fact]
    public async Task In_French_the_change_page_and_its_refusal_of_the_current_password_are_French()
    {
        var policy = await ForcingFlowAsync();
        var (email, _) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy) with { UiLocales = "fr" }, email);
        Assert.Equal("Vous devez changer votre mot de passe avant de continuer.", change.Page.Document!.QuerySelector(".intro p")?.TextContent.Trim());
        Assert.Equal("Changer de mot de passe", change.Page.Document.Title?.Split(" - ")[0].Trim());

        var again = ChangePage(browser, await change.SetPasswordAsync(OldPassword));

        Assert.Equal(["Votre nouveau mot de passe doit être différent de votre mot de passe actuel."], again.FieldErrors);
    }

    [Fact]
    public async Task The_flows_complexity_and_the_confirmation_are_checked_as_in_a_reset()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);

        var weak = ChangePage(browser, await change.SetPasswordAsync("lowercaseonly"));
        Assert.Equal(["The password must contain 3 of these 4: lowercase characters, uppercase characters, digits (0-9), symbols."], weak.FieldErrors);
        var mismatch = ChangePage(browser, await weak.SetPasswordAsync(NewPassword, NewPassword + "x"));
        Assert.Equal("The password entry fields do not match. Please enter the same password in both fields and try again.", mismatch.Error);

        Assert.True(await MarkedAsync(account.Id));
        Assert.Equal(PasswordVerificationResult.Success, await VerifyPasswordAsync(account.Id, OldPassword));
    }

    [Fact]
    public async Task Cancel_on_the_change_page_returns_AADB2C90091_to_the_app()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var change = await ChangePageAsync(browser, request, email);

        (await change.CancelAsync()).ToApp().AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);

        Assert.True(await MarkedAsync(account.Id));
        await SignInPage.OpenAsync(browser, Client.Authorize(policy));
    }

    [Fact]
    public async Task A_session_begun_where_the_mark_was_ignored_does_not_skip_the_change_on_a_forcing_flow()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        await browser.SignInAndRedeemAsync(Client, new TestUser(email, OldPassword, account));

        // The default flow still signs in from the session; the forcing flow asks for the password again.
        Assert.NotNull((await browser.NavigateAsync(Client.Authorize().Url)).ToApp()["code"]);
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        ChangePage(browser, await signIn.SignInAsync(email, OldPassword));
    }

    [Fact]
    public async Task The_change_reads_the_account_once_and_revokes_the_access_tokens_issued_before()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        // Issued on the default flow, where the mark is ignored.
        var accessToken = await Factory.SignedInApiAccessTokenAsync(new TestUser(email, OldPassword, account));
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);

        Assert.NotNull((await change.SetPasswordAsync(NewPassword)).ToApp()["code"]);

        // The change's POST read the account's row once: the proof's stamp check and the change use the same read.
        Assert.Single(server.Sql.LastPost(), c => c.StartsWith("SELECT", StringComparison.Ordinal) && c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal));
        await Factory.AssertAccessTokenRefusedAsync(accessToken);
    }

    [Fact]
    public async Task A_change_committed_after_the_proof_sends_the_user_back_to_sign_in_and_keeps_it()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);

        // An administrator ends the account's sessions while the change page is open: its security stamp moves.
        (await _admin.PostAsync($"users/{account.Id}/revoke-sessions", new { })).Expect(200);

        SignInPage.On(browser, await change.SetPasswordAsync(NewPassword));
        await AssertNotChangedAsync(account.Id);
    }

    [Fact]
    public async Task A_change_that_loses_to_another_change_of_the_account_after_the_proof_was_read_sends_the_user_back_to_sign_in()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);

        // The account's row is changed by another request between this POST's read and its save: the update finds no row.
        var lost = await Factory.WithTriggerAsync("AspNetUsers", "UPDATE", $"NEW.\"Email\" = '{email}'", TriggerAction.Skip, () => change.SetPasswordAsync(NewPassword));

        SignInPage.On(browser, lost);
        await AssertNotChangedAsync(account.Id);
    }

    [Fact]
    public async Task A_reset_by_email_clears_the_mark()
    {
        var policy = await ForcingFlowAsync();
        var (email, account) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();

        var step1 = await browser.OpenResetFromSignInAsync(Client.Authorize(policy));
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        Assert.NotNull((await (await verified.ContinueToNewPasswordAsync()).SetPasswordAsync(NewPassword)).ToApp()["code"]);

        Assert.False(await MarkedAsync(account.Id));
        using var later = Factory.CreateBrowser();
        Assert.NotNull((await later.SignInThroughFormAsync(Client.Authorize(policy), new TestUser(email, NewPassword, account))).ToApp()["code"]);
    }

    [Fact]
    public async Task A_user_created_through_Graph_with_forceChangePasswordNextSignIn_is_asked_for_a_new_password_at_sign_in()
    {
        var policy = await ForcingFlowAsync();
        var email = Unique();

        var created = (await _admin.PostAsync("users", new
        {
            identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = email } },
            passwordProfile = new { password = OldPassword, forceChangePasswordNextSignIn = true },
        })).Expect(201);
        Assert.True(created.Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());

        using var browser = Factory.CreateBrowser();
        var request = Client.Authorize(policy);
        var change = await ChangePageAsync(browser, request, email);
        Assert.NotNull((await change.SetPasswordAsync(NewPassword)).ToApp()["code"]);
        Assert.False((await _admin.GetAsync($"users/{created["id"]}")).Expect(200).Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
    }

    [Fact]
    public async Task Our_shape_and_an_import_line_mark_the_password_temporary_and_the_audit_says_so()
    {
        var ours = Unique();
        var created = (await _admin.PostAsync("users", new { signInEmail = ours, password = OldPassword, forceChangePasswordNextSignIn = true })).Expect(201);
        Assert.True((await _admin.GetAsync($"users/{created["id"]}")).Expect(200).Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        Assert.False((await _admin.PostAsync("users", new { signInEmail = Unique(), password = OldPassword })).Expect(201).Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        var details = await Factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == Guid.Parse(created["id"]!)).Select(e => e.Details).SingleAsync());
        Assert.EndsWith(": created, must change the password at next sign-in", details, StringComparison.Ordinal);

        var imported = Unique();
        var line = JsonSerializer.Serialize(new { identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = imported } }, passwordProfile = new { password = OldPassword, forceChangePasswordNextSignIn = true } });
        var report = (await _admin.SendAsync(HttpMethod.Post, "users/import", line, contentType: "application/x-ndjson")).Expect(200).Json;
        var id = report.GetProperty("lines")[0].GetProperty("id").GetString();
        Assert.True((await _admin.GetAsync($"users/{id}")).Expect(200).Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
    }

    [Fact]
    public async Task A_temporary_password_an_administrator_sets_ends_the_session_and_is_changed_at_the_next_sign_in()
    {
        var policy = await ForcingFlowAsync();
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, NewPassword);
        using var browser = Factory.CreateBrowser();
        await browser.SignInAndRedeemAsync(Client, new TestUser(email, NewPassword, account), Client.Authorize(policy));

        var set = (await _admin.PutAsync($"users/{account.Id}/password", new { password = OldPassword, forceChangePasswordNextSignIn = true })).Expect(200);
        Assert.True(set.Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        var details = await Factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == account.Id && e.Type == AdminEventTypes.UserPasswordSet).Select(e => e.Details).SingleAsync());
        Assert.EndsWith(": password set, must change the password at next sign-in; sessions and grants ended", details, StringComparison.Ordinal);

        // The session the user had does not answer any more: the temporary password, then a password of their own.
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize(policy));
        var change = ChangePage(browser, await signIn.SignInAsync(email, OldPassword));
        Assert.NotNull((await change.SetPasswordAsync("Own-Choice-Pass-5")).ToApp()["code"]);

        // Set again without the flag, the password is not temporary.
        Assert.False((await _admin.PutAsync($"users/{account.Id}/password", new { password = OldPassword })).Expect(200).Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
    }

    [Fact]
    public async Task A_temporary_password_set_through_graphs_update_replaces_the_old_one_and_is_changed_at_the_next_sign_in()
    {
        var policy = await ForcingFlowAsync();
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, NewPassword);

        var set = (await _admin.PatchAsync($"users/{account.Id}", new { passwordProfile = new { password = OldPassword, forceChangePasswordNextSignIn = true } })).Expect(200);

        Assert.True(set.Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        using var browser = Factory.CreateBrowser();
        var refused = SignInPage.On(browser, await (await SignInPage.OpenAsync(browser, Client.Authorize(policy))).SignInAsync(email, NewPassword));
        Assert.Equal("Invalid username or password.", refused.Error);
        var change = await ChangePageAsync(browser, Client.Authorize(policy), email);
        Assert.NotNull((await change.SetPasswordAsync("Own-Choice-Pass-5")).ToApp()["code"]);
    }

    /// <summary>A sign-in flow with "Forced password reset" on; returns its name.</summary>
    private Task<string> ForcingFlowAsync() => Factory.CreateForcingFlowAsync();

    /// <summary>Signs in with the temporary password; asserts the browser is asked for a new one.</summary>
    private static async Task<NewPasswordPage> ChangePageAsync(Browser browser, AuthorizeRequest request, string email) =>
        ChangePage(browser, await (await SignInPage.OpenAsync(browser, request)).SignInAsync(email, OldPassword));

    /// <summary>Asserts <paramref name="page"/> is the forced change's page (not the reset's step 2).</summary>
    private static NewPasswordPage ChangePage(Browser browser, Navigation page)
    {
        Assert.EndsWith("/signin/change-password", page.Url.AbsolutePath, StringComparison.Ordinal);
        return NewPasswordPage.On(browser, page);
    }

    /// <summary>The account is still marked, with its temporary password, and no forced change was audited.</summary>
    private async Task AssertNotChangedAsync(Guid accountId)
    {
        Assert.True(await MarkedAsync(accountId));
        Assert.Equal(PasswordVerificationResult.Success, await VerifyPasswordAsync(accountId, OldPassword));
        Assert.DoesNotContain(AuditEventTypes.ForcedPasswordChanged, await AuditTypesAsync(accountId));
    }

    private Task<bool> MarkedAsync(Guid accountId) =>
        Factory.WithDbAsync(db => db.Users.Where(a => a.Id == accountId).Select(a => a.ForceChangePasswordNextSignIn).SingleAsync());

    private Task<PasswordVerificationResult> VerifyPasswordAsync(Guid accountId, string password) =>
        Factory.WithScopeAsync(async sp =>
        {
            var account = await sp.GetRequiredService<IdPDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == accountId);
            return sp.GetRequiredService<IPasswordHasher<Account>>().VerifyHashedPassword(account, account.PasswordHash!, password);
        });

    private Task<List<string>> AuditTypesAsync(Guid accountId) =>
        Factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == accountId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
}

/// <summary>The reset server with the admin API's bootstrap client: administrators make passwords temporary.</summary>
public sealed class ForcedResetFactory<TDatabase> : ResetFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public ForcedResetFactory() => AdminApiClient.Configure(this);
}

public sealed class ForcedPasswordResetTestsOnSqlite(ForcedResetFactory<Sqlite> server) : ForcedPasswordResetTests(server), IClassFixture<ForcedResetFactory<Sqlite>>;

public sealed class ForcedPasswordResetTestsOnPostgres(ForcedResetFactory<Postgres> server) : ForcedPasswordResetTests(server), IClassFixture<ForcedResetFactory<Postgres>>;
