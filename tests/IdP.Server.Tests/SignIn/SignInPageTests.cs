namespace IdP.Server.Tests.SignIn;

/// <summary>The sign-in page: one message for unknown accounts and wrong passwords, fields checked next to each field, cancel (only by POST), disabled accounts, antiforgery, audit.</summary>
public abstract class SignInPageTests(IdPFactory factory)
{
    private const string InvalidMessage = "Invalid username or password.";

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_message()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var wrongPassword = SignInPage.On(browser, await page.SignInAsync(user.Email, "Not-The-Password-1"));
        var unknownAccount = SignInPage.On(browser, await page.SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", user.Password));

        Assert.Equal(InvalidMessage, wrongPassword.Error);
        Assert.Equal(InvalidMessage, unknownAccount.Error);
        Assert.Equal(wrongPassword.Page.Status, unknownAccount.Page.Status);
    }

    [Fact]
    public async Task A_second_sign_in_tab_still_signs_in_after_the_first_tab_did()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var firstTab = await SignInPage.OpenAsync(browser, client.Authorize());
        var secondTab = await SignInPage.OpenAsync(browser, client.Authorize());

        var first = (await firstTab.SignInAsync(user.Email, user.Password)).ToApp();
        var second = (await secondTab.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.False(string.IsNullOrEmpty(first["code"]));
        Assert.False(string.IsNullOrEmpty(second["code"]));
    }

    [Fact]
    public async Task The_apps_login_hint_fills_in_the_sign_in_name()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(client.Authorize().Url + "&login_hint=ada%40example.com");

        Assert.Equal("ada@example.com", page.ById(PageElementIds.SignInName)?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_sign_in_name_is_matched_trimmed_and_in_any_case()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var app = (await page.SignInAsync("  " + user.Email.ToUpperInvariant() + "  ", user.Password)).ToApp();

        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task Empty_fields_are_marked_next_to_the_field()
    {
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var result = await page.SignInAsync("", "");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Please enter your Email Address", result.Body, StringComparison.Ordinal);
        Assert.Contains("Please enter your password", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_returns_access_denied_with_AADB2C90091_to_the_app()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, request);

        var app = (await page.CancelAsync()).ToApp();

        Assert.Equal(client.RedirectUri, app.RedirectUri.ToString());
        app.AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_is_told_so()
    {
        var result = await SignInToADisabledAccountAsync(user => user.Password);

        Assert.Equal("Your account has been locked. Contact your support person to unlock it, then try again.", result.Error);
    }

    [Fact]
    public async Task A_disabled_account_with_a_wrong_password_gets_the_usual_message()
    {
        var result = await SignInToADisabledAccountAsync(_ => "Not-The-Password-1");

        Assert.Equal(InvalidMessage, result.Error);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_gets_a_clear_400_page()
    {
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        using var post = new HttpRequestMessage(HttpMethod.Post, page.Page.Url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [PageElementIds.SignInName] = "a@example.com", [PageElementIds.Password] = "x" }),
        };

        var result = await browser.SendAndFollowAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("expired", result.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(result.Text("correlationId")!);
    }

    [Fact]
    public async Task A_sign_in_page_without_a_journey_shows_the_session_expired_page()
    {
        using var browser = factory.CreateBrowser();

        var result = await browser.NavigateAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/signin?tx=nosuchjourney");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("expired", result.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_journey_cannot_be_continued_from_another_browser()
    {
        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();
        var page = await OpenSignInAsync(first);

        var result = await second.NavigateAsync(page.Page.Url.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Null(result.ById(PageElementIds.SignInName));
    }

    [Fact]
    public async Task A_journey_cannot_be_continued_from_another_browser_that_holds_its_own_binding_cookie()
    {
        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();
        var page = await OpenSignInAsync(first);
        await OpenSignInAsync(second); // The second browser now has a binding cookie of its own.

        var result = await second.NavigateAsync(page.Page.Url.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Null(result.ById(PageElementIds.SignInName));
    }

    [Fact]
    public async Task A_username_flow_asks_for_a_username_and_signs_in_with_it()
    {
        var policy = await UsernameFlowAsync();
        var username = "ada" + Guid.NewGuid().ToString("N")[..6];
        var user = await factory.CreateUserAsync(username);
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize(policy: policy));

        var byEmail = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));
        var app = (await page.SignInAsync(username.ToUpperInvariant(), user.Password)).ToApp();

        Assert.Equal("Username", page.SignInNameLabel);
        Assert.Equal(InvalidMessage, byEmail.Error);
        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task Each_missing_field_is_reported_inside_its_own_entry_and_no_page_error_is_shown()
    {
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var bothMissing = await page.SignInAsync("", "");
        var passwordMissing = await page.SignInAsync("ada@example.com", "");

        Assert.Equal(["Please enter your Email Address"], FieldErrors(bothMissing, PageElementIds.SignInName));
        Assert.Equal(["Please enter your password"], FieldErrors(bothMissing, PageElementIds.Password));
        Assert.Null(bothMissing.Text(PageElementIds.ErrorMessage));
        Assert.Empty(FieldErrors(passwordMissing, PageElementIds.SignInName));
        Assert.Equal(["Please enter your password"], FieldErrors(passwordMissing, PageElementIds.Password));
        Assert.Equal("ada@example.com", passwordMissing.ById(PageElementIds.SignInName)?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_username_flow_names_the_missing_field_username()
    {
        var policy = await UsernameFlowAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize(policy: policy));

        var result = await page.SignInAsync(" ", "Some-Password-1");

        Assert.Equal(["Please enter your Username"], FieldErrors(result, PageElementIds.SignInName));
        Assert.Empty(FieldErrors(result, PageElementIds.Password));
    }

    [Fact]
    public async Task Opening_the_cancel_url_asks_first_and_only_the_button_cancels()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, request);
        var cancelUrl = page.Page.Url.PathAndQuery.Replace("/signin?", "/cancel?", StringComparison.Ordinal);

        var asked = await browser.NavigateAsync(cancelUrl);
        var stillPending = SignInPage.On(browser, await browser.NavigateAsync(page.Page.Url.PathAndQuery));
        var app = (await browser.ClickAsync(asked, PageElementIds.Cancel)).ToApp();

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Null(stillPending.Error);
        app.AssertAccessDenied(request, B2CErrorCodes.UserCancelledDescription);
    }

    [Fact]
    public async Task A_cancel_posted_without_the_antiforgery_token_is_refused_and_the_sign_in_goes_on()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        var cancelAction = Browser.FormOwner(page.Page.ById(PageElementIds.Cancel)!)!.GetAttribute("action")!;
        var cancelUrl = page.Page.Url.PathAndQuery.Replace("/signin?", "/cancel?", StringComparison.Ordinal);

        // What another site can send: the browser's cookies, perhaps, but never a token from our page.
        var fromButton = await PostWithoutTokenAsync(browser, new Uri(page.Page.Url, cancelAction));
        var toCancelUrl = await PostWithoutTokenAsync(browser, new Uri(page.Page.Url, cancelUrl));
        var app = (await page.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.Equal(HttpStatusCode.BadRequest, fromButton.Status);
        Assert.Contains("expired", fromButton.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, toCancelUrl.Status);
        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task A_sign_in_is_audited_once_with_its_account_flow_and_app()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(client.Authorize(), user)).ToApp();

        Assert.NotNull(app["code"]);
        var signedIn = Assert.Single(await AuditAsync(client.ClientId, IdP.Core.Audit.AuditEventTypes.SignInSucceeded));
        Assert.Equal(user.Account.Id, signedIn.AccountId);
        Assert.Equal(IdPFactory.SignInPolicy, signedIn.Policy);
    }

    private static string[] FieldErrors(Navigation page, string inputId) =>
        [.. page.ById(inputId)!.Closest(".entry-item")!.QuerySelectorAll(".error.itemLevel p").Select(p => p.TextContent.Trim())];

    private static Task<Navigation> PostWithoutTokenAsync(Browser browser, Uri url) =>
        browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(new Dictionary<string, string>()) });

    private Task<List<IdP.Core.Audit.AuditEvent>> AuditAsync(string clientId, string type) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEvents.Where(e => e.ClientId == clientId && e.Type == type)));

    private async Task<string> UsernameFlowAsync()
    {
        var policy = "B2C_1_usernames" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SignInType = Core.Accounts.SignInNameKind.Username });
        return policy;
    }

    /// <summary>A new app's sign-in request, opened in <paramref name="browser"/>.</summary>
    private async Task<SignInPage> OpenSignInAsync(Browser browser) => await SignInPage.OpenAsync(browser, (await factory.RegisterClientAsync()).Authorize());

    /// <summary>A user whose account is then disabled signs in with the password <paramref name="typed"/> picks; returns the page shown.</summary>
    private async Task<SignInPage> SignInToADisabledAccountAsync(Func<TestUser, string> typed)
    {
        var user = await factory.CreateUserAsync();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(user.Account.Id))!.Enabled = false;
            return await db.SaveChangesAsync();
        });
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        return SignInPage.On(browser, await page.SignInAsync(user.Email, typed(user)));
    }
}

public sealed class SignInPageTestsOnSqlite(IdPFactory<Sqlite> factory) : SignInPageTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class SignInPageTestsOnPostgres(IdPFactory<Postgres> factory) : SignInPageTests(factory), IClassFixture<IdPFactory<Postgres>>;
