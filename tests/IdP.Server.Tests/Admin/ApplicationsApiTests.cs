namespace IdP.Server.Tests.Admin;

/// <summary>App registrations through the admin API: every setting B2C gives one, secrets shown once, field errors.</summary>
public abstract class ApplicationsApiTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    private static object WebApp(string clientId, string displayName = "Contoso web") => new
    {
        clientId,
        displayName,
        redirectUris = new[] { "https://web.contoso.test/signin-oidc" },
        spaRedirectUris = new[] { "https://spa.contoso.test/" },
        publicClientRedirectUris = new[] { "http://localhost/desktop", "com.contoso.app://auth" },
        postLogoutRedirectUris = new[] { "https://web.contoso.test/" },
        allowImplicitIdToken = true,
        allowImplicitAccessToken = false,
        allowClientCredentials = true,
        adminApiAccess = false,
    };

    [Fact]
    public async Task An_application_is_created_read_listed_updated_and_deleted()
    {
        var clientId = Unique("web");
        var created = (await _admin.PostAsync("applications", WebApp(clientId))).Expect(201);
        Assert.Equal($"/admin/api/applications/{clientId}", created.Headers.Location?.OriginalString);
        Assert.Equal("Contoso web", created["displayName"]);
        Assert.Equal(["http://localhost/desktop", "com.contoso.app://auth"], Strings(created.Json, "publicClientRedirectUris"));
        Assert.True(created.Json.GetProperty("allowImplicitIdToken").GetBoolean());

        var read = (await _admin.GetAsync($"applications/{clientId}")).Expect(200);
        Assert.Equal(["https://spa.contoso.test/"], Strings(read.Json, "spaRedirectUris"));
        Assert.Contains((await _admin.GetAsync("applications")).Expect(200).Json.EnumerateArray(), a => a.GetProperty("clientId").GetString() == clientId);

        var updated = (await _admin.PutAsync($"applications/{clientId}", new { displayName = "Contoso web 2", redirectUris = new[] { "https://web2.contoso.test/cb" } })).Expect(200);
        Assert.Equal("Contoso web 2", updated["displayName"]);
        Assert.Equal(["https://web2.contoso.test/cb"], Strings(updated.Json, "redirectUris"));
        Assert.Empty(Strings(updated.Json, "spaRedirectUris"));

        (await _admin.DeleteAsync($"applications/{clientId}")).Expect(204);
        (await _admin.GetAsync($"applications/{clientId}")).Expect(404);
        Assert.Equal("application/problem+json", (await _admin.DeleteAsync($"applications/{clientId}")).Expect(404).MediaType);
    }

    [Fact]
    public async Task An_api_with_scopes_and_a_client_with_permissions_on_it_get_tokens_for_the_api()
    {
        var apiId = Unique("api");
        var appIdUri = $"https://{IdPFactory.TenantDomain}/{apiId}";
        (await _admin.PostAsync("applications", new
        {
            clientId = apiId,
            displayName = "Tasks API",
            appIdUri,
            apiScopes = new[] { new { name = "tasks.read", description = (string?)"Read tasks" }, new { name = "tasks.write", description = (string?)null } },
        })).Expect(201);
        var daemonId = Unique("daemon");
        var daemon = (await _admin.PostAsync("applications", new
        {
            clientId = daemonId,
            displayName = "Daemon",
            allowClientCredentials = true,
            apiPermissions = new[] { $"{appIdUri}/tasks.read" },
        })).Expect(201);
        Assert.Equal([$"{appIdUri}/tasks.read"], Strings(daemon.Json, "apiPermissions"));

        var secret = (await _admin.PostAsync($"applications/{daemonId}/secrets", new { description = "ci" })).Expect(201);
        var value = secret["value"]!;
        var tokens = await new OidcClient(factory, daemonId, "https://unused.test") { ClientSecret = value }.ClientCredentialsAsync(scope: $"{appIdUri}/.default");

        Assert.Equal(200, tokens.Status);
        Assert.Contains(apiId, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["access_token"]!).Audiences);
    }

    [Fact]
    public async Task A_generated_secret_is_returned_once_and_afterwards_only_by_id_hint_and_expiry()
    {
        var clientId = Unique("conf");
        (await _admin.PostAsync("applications", WebApp(clientId))).Expect(201);

        var created = (await _admin.PostAsync($"applications/{clientId}/secrets", new { description = "rotation 1", expiresAt = factory.Clock.GetUtcNow().AddDays(30) })).Expect(201);
        var value = created["value"]!;
        var secret = created.Json.GetProperty("secret");
        var id = secret.GetProperty("id").GetString()!;
        Assert.Equal(value[..3], secret.GetProperty("hint").GetString());
        Assert.Equal("rotation 1", secret.GetProperty("description").GetString());
        Assert.Equal(201, (await _admin.PostAsync($"applications/{clientId}/secrets")).Status);

        var read = (await _admin.GetAsync($"applications/{clientId}")).Expect(200);
        Assert.DoesNotContain(value, read.Body, StringComparison.Ordinal);
        Assert.Equal(2, read.Json.GetProperty("secrets").GetArrayLength());
        Assert.DoesNotContain(value, (await _admin.GetAsync("audit-log?type=admin.*&pageSize=200")).Body, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.ClientSecrets.AsNoTracking().Select(s => s.Hash).ToListAsync());
        Assert.DoesNotContain(stored, h => h.Contains(value, StringComparison.Ordinal));

        var works = await new OidcClient(factory, clientId, "https://unused.test") { ClientSecret = value }.ClientCredentialsAsync(scope: clientId);
        Assert.Equal(200, works.Status);

        (await _admin.DeleteAsync($"applications/{clientId}/secrets/{id}")).Expect(204);
        var refused = await new OidcClient(factory, clientId, "https://unused.test") { ClientSecret = value }.ClientCredentialsAsync(scope: clientId);
        Assert.Equal(401, refused.Status);
        (await _admin.DeleteAsync($"applications/{clientId}/secrets/{id}")).Expect(404);
    }

    [Fact]
    public async Task An_update_keeps_the_secrets_configuration_gave_the_application()
    {
        var updated = (await _admin.PutAsync($"applications/{AdminApiClient.ClientId}", new { displayName = "Renamed admin client", adminApiAccess = true })).Expect(200);

        Assert.Single(updated.Json.GetProperty("secrets").EnumerateArray());
        _admin.ForgetToken();
        (await _admin.GetAsync("applications")).Expect(200);
    }

    [Fact]
    public async Task A_bad_redirect_uri_is_refused_naming_the_field()
    {
        var clientId = Unique("bad");
        var messages = (await _admin.PostAsync("applications", new { clientId, displayName = "Bad", redirectUris = new[] { "not a url", "https://web.test/cb*" }, spaRedirectUris = new[] { "https://ok.test/#frag" } }))
            .ExpectInvalid("redirectUris");

        Assert.Contains(messages, m => m.Contains("not an absolute URL", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("wildcard", StringComparison.Ordinal));
        (await _admin.PostAsync("applications", new { clientId, displayName = "Bad", spaRedirectUris = new[] { "https://ok.test/#frag" } })).ExpectInvalid("spaRedirectUris");
        (await _admin.GetAsync($"applications/{clientId}")).Expect(404);
    }

    [Fact]
    public async Task Other_field_errors_name_their_fields()
    {
        var clientId = Unique("dup");
        (await _admin.PostAsync("applications", WebApp(clientId))).Expect(201);

        (await _admin.PostAsync("applications", WebApp(clientId))).ExpectInvalid("clientId");
        (await _admin.PostAsync("applications", new { clientId = "has spaces", displayName = "x" })).ExpectInvalid("clientId");
        (await _admin.PostAsync("applications", new { clientId = Unique("n"), displayName = "" })).ExpectInvalid("displayName");
        (await _admin.PostAsync("applications", new { clientId = Unique("n"), displayName = "x", apiScopes = new[] { new { name = "read" } } })).ExpectInvalid("appIdUri");
        (await _admin.PostAsync("applications", new { clientId = Unique("n"), displayName = "x", apiPermissions = new[] { "https://nowhere.test/api/read" } })).ExpectInvalid("apiPermissions");
        (await _admin.PostAsync("applications", new { clientId = Unique("n"), displayName = "x", redirectUris = new string?[] { null } })).ExpectInvalid("redirectUris[0]");
        (await _admin.PutAsync($"applications/{clientId}", new { clientId = "other", displayName = "x" })).ExpectInvalid("clientId");
        (await _admin.PostAsync($"applications/{clientId}/secrets", new { expiresAt = factory.Clock.GetUtcNow().AddYears(5) })).ExpectInvalid("expiresAt");
        (await _admin.PutAsync($"applications/{Unique("missing")}", WebApp("x"))).Expect(404);
        (await _admin.PostAsync($"applications/{Unique("missing")}/secrets", new { })).Expect(404);
    }

    [Fact]
    public async Task The_admin_apis_scope_name_and_audience_are_refused_as_an_apis_scope_or_an_application_id()
    {
        var clientId = Unique("lookalike");
        var lookalike = new { clientId, displayName = "Look-alike", appIdUri = $"https://{IdPFactory.TenantDomain}/{clientId}", apiScopes = new[] { new { name = ServerApi.AdminScope } } };
        Assert.Equal(
            ["'idp.admin' is reserved for the server's admin API: choose another scope name."],
            (await _admin.PostAsync("applications", lookalike)).ExpectInvalid("apiScopes"));
        (await _admin.GetAsync($"applications/{clientId}")).Expect(404);
        (await _admin.PostAsync("applications", lookalike with { apiScopes = new[] { new { name = "tasks.read" } } })).Expect(201);
        (await _admin.PutAsync($"applications/{clientId}", lookalike)).ExpectInvalid("apiScopes");

        foreach (var reserved in new[] { ServerApi.AdminScope, ServerApi.Audience })
        {
            Assert.Equal(
                [$"'{reserved}' is reserved for the server's admin API: choose another application id."],
                (await _admin.PostAsync("applications", WebApp(reserved))).ExpectInvalid("clientId"));
        }

        // The admin API's own scope is untouched: a new token for it is still issued and let in.
        _admin.ForgetToken();
        (await _admin.GetAsync("applications")).Expect(200);
    }

    [Fact]
    public async Task A_secret_expiry_written_with_an_offset_is_kept_as_that_instant()
    {
        var clientId = Unique("offset");
        (await _admin.PostAsync("applications", WebApp(clientId))).Expect(201);
        var now = factory.Clock.GetUtcNow();
        var expiry = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddDays(30);

        var created = (await _admin.PostAsync($"applications/{clientId}/secrets", new { expiresAt = expiry.ToOffset(TimeSpan.FromHours(2)) })).Expect(201);

        // The same instant, in UTC as every time the API returns.
        var read = (await _admin.GetAsync($"applications/{clientId}")).Expect(200).Json.GetProperty("secrets")[0].GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(expiry, created.Json.GetProperty("secret").GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(expiry, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        var works = await new OidcClient(factory, clientId, "https://unused.test") { ClientSecret = created["value"] }.ClientCredentialsAsync(scope: clientId);
        Assert.Equal(200, works.Status);
    }

    [Fact]
    public async Task The_calling_application_cannot_delete_itself()
    {
        (await _admin.DeleteAsync($"applications/{AdminApiClient.ClientId}")).ExpectInvalid("clientId");
    }

    [Theory]
    [InlineData("{\"clientId\": \"x\", \"displayName\": ", "displayName")]
    [InlineData("not json at all", "")]
    [InlineData("{\"clientId\": \"x\", \"displayName\": 42}", "displayName")]
    [InlineData("{\"clientId\": \"x\", \"displayName\": \"x\", \"redirectUris\": \"https://one.test\"}", "redirectUris")]
    [InlineData("{\"clientId\": \"x\", \"displayName\": \"x\", \"allowImplicitIdToken\": \"yes\"}", "allowImplicitIdToken")]
    [InlineData("[1, 2, 3]", "")]
    [InlineData("null", "")]
    [InlineData("", "")]
    public async Task Malformed_bodies_are_400_problems_never_500(string body, string field)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, "applications", body);

        answer.ExpectInvalid(field);
        Assert.DoesNotContain("Exception", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"clientId": "x", "displayName": "bad \ud800 text"}""", "displayName")]
    [InlineData("""{"clientId": "x", "displayName": "x", "redirectUris": ["https://one.test/\udc00"]}""", "redirectUris[0]")]
    public async Task A_lone_surrogate_in_a_string_is_a_400_problem_saying_the_text_is_not_valid_unicode(string body, string field)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, "applications", body);

        Assert.Equal([$"'{field}' is not valid Unicode text: it has half of a surrogate pair (such as \\ud800) without the other half."], answer.ExpectInvalid(field));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem_and_one_too_large_a_400_problem()
    {
        var form = (await _admin.SendAsync(HttpMethod.Post, "applications", "clientId=x", contentType: "application/x-www-form-urlencoded")).Expect(415);
        Assert.Equal("application/problem+json", form.MediaType);

        var huge = JsonSerializer.Serialize(new { clientId = "big", displayName = new string('x', 2 * 1024 * 1024) });
        var answer = await _admin.SendAsync(HttpMethod.Post, "applications", huge);
        Assert.Contains("larger than", answer.ExpectInvalid("").Single(), StringComparison.Ordinal);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static List<string> Strings(JsonElement json, string property) => [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}

public sealed class ApplicationsApiTestsOnSqlite(AdminApiFactory<Sqlite> factory) : ApplicationsApiTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class ApplicationsApiTestsOnPostgres(AdminApiFactory<Postgres> factory) : ApplicationsApiTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
