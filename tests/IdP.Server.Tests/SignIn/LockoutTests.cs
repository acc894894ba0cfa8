namespace IdP.Server.Tests.SignIn;

/// <summary>Smart lockout as B2C: 10 wrong passwords lock a sign-in name for a minute, longer each time; unknown names too.</summary>
public abstract class LockoutTests(IdPFactory factory)
{
    private const string LockedMessage = "Your account is temporarily locked to prevent unauthorized use. Try again later.";
    private const string InvalidMessage = "Invalid username or password.";

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var errors = await FailAsync(page, user.Email, 10);
        var withRightPassword = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));

        Assert.All(errors.Take(9), e => Assert.Equal(InvalidMessage, e));
        Assert.Equal(LockedMessage, errors[9]);
        Assert.Equal(LockedMessage, withRightPassword.Error);
    }

    [Fact]
    public async Task An_unknown_name_locks_out_exactly_like_a_real_one()
    {
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var errors = await FailAsync(page, $"nobody-{Guid.NewGuid():N}@example.com", 11);

        Assert.All(errors.Take(9), e => Assert.Equal(InvalidMessage, e));
        Assert.Equal(LockedMessage, errors[9]);
        Assert.Equal(LockedMessage, errors[10]);
    }

    [Fact]
    public async Task The_lockout_ends_after_a_minute()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        await FailAsync(page, user.Email, 10);

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var app = (await page.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task A_second_lockout_lasts_longer_than_the_first()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        await FailAsync(page, user.Email, 10);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var errors = await FailAsync(page, user.Email, 10);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var afterOneMinute = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));
        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var afterTwoMinutes = (await page.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.Equal(LockedMessage, errors[9]);
        Assert.Equal(LockedMessage, afterOneMinute.Error);
        Assert.NotNull(afterTwoMinutes["code"]);
    }

    [Fact]
    public async Task A_successful_sign_in_starts_the_count_of_wrong_passwords_again()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        await FailAsync(page, user.Email, 9);
        Assert.NotNull((await page.SignInAsync(user.Email, user.Password)).ToApp()["code"]);

        // The nine before the sign-in no longer count: nine more (in a new browser, without the session) are nine
        // plain refusals, not a lockout.
        using var later = factory.CreateBrowser();
        var again = await OpenSignInAsync(later);
        var errors = await FailAsync(again, user.Email, 9);

        Assert.All(errors, e => Assert.Equal(InvalidMessage, e));
        Assert.NotNull((await again.SignInAsync(user.Email, user.Password)).ToApp()["code"]);
    }

    [Fact]
    public async Task Lockout_is_per_sign_in_name_not_per_browser()
    {
        var locked = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        await FailAsync(page, locked.Email, 10);

        var app = (await page.SignInAsync(other.Email, other.Password)).ToApp();

        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task Lockout_counts_the_name_in_any_case_and_spacing()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        await FailAsync(page, user.Email, 5);
        await FailAsync(page, "  " + user.Email.ToUpperInvariant() + " ", 5);

        var result = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));

        Assert.Equal(LockedMessage, result.Error);
    }

    private async Task<SignInPage> OpenSignInAsync(Browser browser)
    {
        var client = await factory.RegisterClientAsync();
        return await SignInPage.OpenAsync(browser, client.Authorize());
    }

    private static async Task<List<string?>> FailAsync(SignInPage page, string signInName, int times)
    {
        var errors = new List<string?>();
        for (var i = 0; i < times; i++)
        {
            var result = await page.SignInAsync(signInName, "Wrong-Password-" + i);
            errors.Add(result.Text(Core.Contract.PageElementIds.ErrorMessage));
        }

        return errors;
    }
}

public sealed class LockoutTestsOnSqlite(IdPFactory<Sqlite> factory) : LockoutTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class LockoutTestsOnPostgres(IdPFactory<Postgres> factory) : LockoutTests(factory), IClassFixture<IdPFactory<Postgres>>;
