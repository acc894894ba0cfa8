using System.Net;
using IdP.Core.Contract;
using IdP.Core.UserFlows;
using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.Pages;

namespace IdP.Server.Tests.SignIn;

/// <summary>The sign-in page: one message for unknown accounts and wrong passwords, cancel, disabled accounts, antiforgery.</summary>
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
        var firstTab = SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url));
        var secondTab = SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url));

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
        var page = SignInPage.On(browser, await browser.NavigateAsync(request.Url));

        var app = (await page.CancelAsync()).ToApp();

        Assert.Equal(client.RedirectUri, app.RedirectUri.ToString());
        Assert.Equal("access_denied", app["error"]);
        Assert.StartsWith(B2CErrorCodes.UserCancelledDescription, app["error_description"], StringComparison.Ordinal);
        Assert.Equal(request.State, app["state"]);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_is_told_so()
    {
        var user = await factory.CreateUserAsync();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(user.Account.Id))!.Enabled = false;
            return await db.SaveChangesAsync();
        });
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var result = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));

        Assert.Equal("Your account has been locked. Contact your support person to unlock it, then try again.", result.Error);
    }

    [Fact]
    public async Task A_disabled_account_with_a_wrong_password_gets_the_usual_message()
    {
        var user = await factory.CreateUserAsync();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(user.Account.Id))!.Enabled = false;
            return await db.SaveChangesAsync();
        });
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var result = SignInPage.On(browser, await page.SignInAsync(user.Email, "Not-The-Password-1"));

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
    public async Task A_username_flow_asks_for_a_username_and_signs_in_with_it()
    {
        var policy = "B2C_1_usernames" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SignInType = Core.Accounts.SignInNameKind.Username });
        var username = "ada" + Guid.NewGuid().ToString("N")[..6];
        var user = await factory.CreateUserAsync(username);
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = SignInPage.On(browser, await browser.NavigateAsync(client.Authorize(policy: policy).Url));

        var byEmail = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));
        var app = (await page.SignInAsync(username.ToUpperInvariant(), user.Password)).ToApp();

        Assert.Equal("Username", page.SignInNameLabel);
        Assert.Equal(InvalidMessage, byEmail.Error);
        Assert.NotNull(app["code"]);
    }

    private async Task<SignInPage> OpenSignInAsync(Browser browser)
    {
        var client = await factory.RegisterClientAsync();
        return SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url));
    }
}

public sealed class SignInPageTestsOnSqlite(SqliteIdPFactory factory) : SignInPageTests(factory), IClassFixture<SqliteIdPFactory>;

public sealed class SignInPageTestsOnPostgres(PostgresIdPFactory factory) : SignInPageTests(factory), IClassFixture<PostgresIdPFactory>;
