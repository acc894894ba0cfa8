namespace IdP.Server.Tests.Admin;

/// <summary>
/// The admin API answers in English whatever Accept-Language asks for: it is for scripts (as Microsoft Graph is), and
/// scripts and support tickets rely on the same words for the same problem. The portal shows the same rules in French.
/// </summary>
public abstract class AdminApiLanguageTests(IdPFactory factory)
{
    private readonly AdminApiClient _french = new(factory) { AcceptLanguage = "fr-FR,fr;q=0.9" };

    [Fact]
    public async Task A_caller_asking_for_french_gets_the_rules_refusals_in_english()
    {
        var flow = (await _french.PostAsync("user-flows", new { type = "SignIn" })).ExpectInvalid("name");
        Assert.Equal(["A user flow needs a name, such as signin (it becomes B2C_1_signin)."], flow);

        var clientId = "l10n-" + Guid.NewGuid().ToString("N");
        (await _french.PostAsync("applications", new { clientId, displayName = "Language test" })).Expect(201);
        var application = (await _french.PostAsync("applications", new { clientId, displayName = "Language test" })).ExpectInvalid("clientId");
        Assert.Equal([$"An application with the id '{clientId}' already exists."], application);

        var user = (await _french.PostAsync("users", new { signInEmail = $"l10n-{Guid.NewGuid():N}@example.com", password = "password" })).ExpectInvalid("password");
        Assert.Contains("The password must mix at least 3 of: lowercase letters, uppercase letters, digits and symbols.", user);

        var group = (await _french.PostAsync("groups", new { name = new string('g', 300) })).ExpectInvalid("name");
        Assert.Equal(["A group name must have 1 to 256 characters."], group);
    }

    [Fact]
    public async Task A_french_caller_gets_english_problems_for_a_body_that_is_not_json()
    {
        var problem = (await _french.PostAsync("groups", "{ not json")).Expect(400);

        Assert.Equal("application/problem+json", problem.MediaType);
        Assert.Contains("The body is not valid JSON", problem.Body, StringComparison.Ordinal);
    }
}

public sealed class AdminApiLanguageTestsOnSqlite(AdminApiFactory<Sqlite> factory) : AdminApiLanguageTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class AdminApiLanguageTestsOnPostgres(AdminApiFactory<Postgres> factory) : AdminApiLanguageTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
