namespace IdP.Server.Tests.Admin;

/// <summary>
/// Text in an admin API body follows the rule query strings and forms follow at the door: a control character other
/// than tab, CR and LF (NUL and the like) is refused with a 400 naming the field, and nothing changes. PostgreSQL cannot
/// store NUL in text at all, so without the rule a NUL in a client id, flow name or group name was a 500 there.
/// </summary>
public abstract class AdminApiTextTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\u001b")]
    [InlineData("\u007f")]
    public async Task A_control_character_in_any_text_field_is_a_400_naming_the_field_and_changes_nothing(string poison)
    {
        var group = (await _admin.PostAsync("groups", new { name = Unique("group") })).Expect(201)["id"];
        var app = Unique("app");
        (await _admin.PostAsync("applications", new { clientId = app, displayName = "App", redirectUris = new[] { "https://app.test/cb" } })).Expect(201);
        var user = (await _admin.PostAsync("users", NewUser("Ada"))).Expect(201)["id"];
        var before = await CountsAsync();

        var cases = new (HttpMethod Method, string Path, object Body, string Field)[]
        {
            (HttpMethod.Post, "applications", new { clientId = Unique("c") + poison, displayName = "App" }, "clientId"),
            (HttpMethod.Put, $"applications/{app}", new { displayName = "App" + poison }, "displayName"),
            (HttpMethod.Put, $"applications/{app}", new { displayName = "App", redirectUris = new[] { "https://app.test/cb" + poison } }, "redirectUris[0]"),
            (HttpMethod.Put, $"applications/{app}", new { displayName = "App", appIdUri = $"https://{IdPFactory.TenantDomain}/{app}", apiScopes = new[] { new { name = "read", description = "Read" + poison } } }, "apiScopes[0].description"),
            (HttpMethod.Post, $"applications/{app}/secrets", new { description = "ci" + poison }, "description"),
            (HttpMethod.Post, "user-flows", new { name = "B2C_1_" + Unique("f") + poison, type = "SignIn", signInType = "Email" }, "name"),
            (HttpMethod.Patch, "user-flows/B2C_1_signin", new { customPageContent = "<div id=\"api\"></div>" + poison }, "customPageContent"),
            (HttpMethod.Post, "groups", new { name = Unique("g") + poison }, "name"),
            (HttpMethod.Patch, $"groups/{group}", new { name = Unique("g") + poison }, "name"),
            (HttpMethod.Patch, $"groups/{group}", new { description = "Help" + poison }, "description"),
            (HttpMethod.Post, "users", NewUser("Ada" + poison), "displayName"),
            (HttpMethod.Patch, $"users/{user}", new { surname = "Lovelace" + poison }, "surname"),
            (HttpMethod.Put, "branding", new { signInPageText = "Welcome" + poison }, "signInPageText"),
        };

        foreach (var (method, path, body, field) in cases)
        {
            var answer = await _admin.SendAsync(method, path, body);
            Assert.True(answer.Status == 400 && answer.ErrorsFor(field).Count > 0, $"{method} {path} {field}: {answer.Status} {answer.Body}");
            Assert.Equal("application/problem+json", answer.MediaType);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Tab_and_line_breaks_stay_allowed_in_text()
    {
        var name = Unique("group");
        var created = (await _admin.PostAsync("groups", new { name, description = "First line\r\nsecond\tline" })).Expect(201);

        Assert.Equal("First line\r\nsecond\tline", created["description"]);
    }

    private static object NewUser(string displayName) =>
        new { signInEmail = Unique("u") + "@example.com", password = "Str0ng-Passw0rd!", displayName };

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Task<(int Applications, int Flows, int Groups, int Users, int Audit)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Applications.CountAsync(), await db.UserFlows.CountAsync(), await db.Groups.CountAsync(), await db.Users.CountAsync(), await db.AuditEvents.CountAsync()));
}

public sealed class AdminApiTextTestsOnSqlite(AdminApiFactory<Sqlite> factory) : AdminApiTextTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class AdminApiTextTestsOnPostgres(AdminApiFactory<Postgres> factory) : AdminApiTextTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
