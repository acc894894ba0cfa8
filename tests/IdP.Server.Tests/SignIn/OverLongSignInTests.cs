using Microsoft.AspNetCore.Identity;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// A sign-in name or password longer than any account can have (found by a black-box review: a 100 KB name was looked
/// up, and echoed back whole). It gets exactly the unknown-account answer, counted and costing one hash like it, but
/// no account lookup, a hash over no more than a real password, and the name shown back only as far as the field takes.
/// </summary>
public abstract class OverLongSignInTests(OverLongSignInFactory factory)
{
    private const string InvalidMessage = "Invalid username or password.";
    private const string LockedMessage = "Your account is temporarily locked to prevent unauthorized use. Try again later.";

    [Fact]
    public async Task An_over_long_sign_in_name_gets_the_unknown_account_page_with_the_name_cut_to_the_fields_length()
    {
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        var overLong = $"{Guid.NewGuid():N}{new string('a', 100_000)}@example.com";

        var unknown = SignInPage.On(browser, await page.SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", "Some-Password-1"));
        var refused = SignInPage.On(browser, await page.SignInAsync(overLong, "Some-Password-1"));

        Assert.Equal(unknown.Page.Status, refused.Page.Status);
        Assert.Equal(InvalidMessage, refused.Error);
        Assert.Equal(FieldErrorCount(unknown.Page), FieldErrorCount(refused.Page));
        Assert.Equal(overLong[..SignInNameNormalizer.MaxLength], refused.Page.ById(PageElementIds.SignInName)?.GetAttribute("value"));
        Assert.True(refused.Page.Body.Length < unknown.Page.Body.Length + 1_000, $"The page grew to {refused.Page.Body.Length} characters.");
    }

    [Fact]
    public async Task An_over_long_sign_in_name_does_the_unknown_accounts_work_but_the_lookup()
    {
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        // Once first, so the journey's and the client's counters exist for both posts compared.
        await page.SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", "Some-Password-1");
        await page.SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", "Some-Password-1");
        var unknown = factory.Sql.LastPost();
        var hashesBefore = factory.Hashes.Checked.Count;
        await page.SignInAsync($"{Guid.NewGuid():N}{new string('a', 100_000)}@example.com", "Some-Password-1");
        var overLong = factory.Sql.LastPost();

        // Both count a failure under the name's key (a fresh name each: the same statements), and the unknown name's
        // lookup of the account by its sign-in name is the only statement the over-long one does not run.
        Assert.Contains(unknown, IsAccountLookup);
        Assert.Equal(unknown.Where(s => !IsAccountLookup(s)), overLong);
        var hashed = factory.Hashes.Checked.Skip(hashesBefore).ToList();
        Assert.Equal("Some-Password-1".Length, Assert.Single(hashed));
    }

    [Fact]
    public async Task An_over_long_password_is_a_wrong_password_hashed_only_as_far_as_a_password_goes()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);
        var hashesBefore = factory.Hashes.Checked.Count;

        var refused = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password + new string('x', 100_000)));
        var hashed = factory.Hashes.Checked.Skip(hashesBefore).ToList();
        var app = (await page.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.Equal(HttpStatusCode.OK, refused.Page.Status);
        Assert.Equal(InvalidMessage, refused.Error);
        Assert.Equal(user.Email, refused.Page.ById(PageElementIds.SignInName)?.GetAttribute("value"));
        Assert.True(Assert.Single(hashed) <= IdP.Core.Passwords.PasswordComplexity.AbsoluteMaxLength, $"A password of {hashed[0]} characters was hashed.");
        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task Over_long_passwords_count_towards_the_names_lockout_like_wrong_passwords()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var page = await OpenSignInAsync(browser);

        var errors = new List<string?>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            errors.Add(SignInPage.On(browser, await page.SignInAsync(user.Email, new string('x', 1_000))).Error);
        }

        var withRightPassword = SignInPage.On(browser, await page.SignInAsync(user.Email, user.Password));

        Assert.All(errors.Take(9), e => Assert.Equal(InvalidMessage, e));
        Assert.Equal(LockedMessage, errors[9]);
        Assert.Equal(LockedMessage, withRightPassword.Error);
    }

    private static bool IsAccountLookup(string statement) => statement.Contains("\"SignInNames\"", StringComparison.Ordinal);

    private static int FieldErrorCount(Navigation page) => page.Document!.QuerySelectorAll(".error.itemLevel p").Length;

    private async Task<SignInPage> OpenSignInAsync(Browser browser) => await SignInPage.OpenAsync(browser, (await factory.RegisterClientAsync()).Authorize());
}

/// <summary>The length of every password the server's hasher checked, in order.</summary>
public sealed class HashedPasswords
{
    public ConcurrentQueue<int> Checked { get; } = new();

    /// <summary>The server's hasher, recording what it verifies.</summary>
    public sealed class Recording(IPasswordHasher<Account> inner, HashedPasswords record) : IPasswordHasher<Account>
    {
        public string HashPassword(Account user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            record.Checked.Enqueue(providedPassword.Length);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>A server that records each POST's SQL and the length of each password its hasher checks.</summary>
public abstract class OverLongSignInFactory : IdPFactory
{
    protected OverLongSignInFactory(ITestDatabase database)
        : base(database)
    {
        Sql = Attach(new RequestSqlRecorder());
        WithServices(services => services.AddSingleton<IPasswordHasher<Account>>(sp =>
            new HashedPasswords.Recording(ActivatorUtilities.CreateInstance<PasswordHasher<Account>>(sp), Hashes)));
    }

    public RequestSqlRecorder Sql { get; }

    public HashedPasswords Hashes { get; } = new();
}

public sealed class OverLongSignInFactory<TDatabase>() : OverLongSignInFactory(new TDatabase())
    where TDatabase : ITestDatabase, new();

public sealed class OverLongSignInTestsOnSqlite(OverLongSignInFactory<Sqlite> factory) : OverLongSignInTests(factory), IClassFixture<OverLongSignInFactory<Sqlite>>;

public sealed class OverLongSignInTestsOnPostgres(OverLongSignInFactory<Postgres> factory) : OverLongSignInTests(factory), IClassFixture<OverLongSignInFactory<Postgres>>;
