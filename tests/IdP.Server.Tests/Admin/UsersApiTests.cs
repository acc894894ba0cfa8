namespace IdP.Server.Tests.Admin;

/// <summary>
/// Users through the admin API: our shape and Microsoft Graph's, the flow-independent password rules, search and
/// paging, changes, and what ends sessions (disable, set password, revoke, delete) as a signed-in app sees it.
/// </summary>
public abstract class UsersApiTests(IdPFactory factory)
{
    private Task<List<SignInSession>> StandingSessionsAsync(Guid accountId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<SignInSessions>().ListAsync(accountId, CancellationToken.None));

    private const string Password = "Blue-Kettle-Sings-7";
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task A_user_created_in_our_shape_can_sign_in()
    {
        var email = Unique("ours");
        var created = (await _admin.PostAsync("users", new { signInEmail = email, username = "u" + Guid.NewGuid().ToString("N")[..10], password = Password, displayName = "Ada Lovelace", givenName = "Ada", surname = "Lovelace" })).Expect(201);

        Assert.Equal(email, created["signInEmail"]);
        Assert.Equal(email, created["contactEmail"]);
        Assert.True(created.Json.GetProperty("accountEnabled").GetBoolean());
        Assert.DoesNotContain(Password, created.Body, StringComparison.Ordinal);
        Assert.Equal($"/admin/api/users/{created["id"]}", created.Headers.Location?.OriginalString);
        await SignInAsync(email, Password, expectSuccess: true);
    }

    [Fact]
    public async Task A_user_created_with_graphs_json_can_sign_in_with_either_identity()
    {
        var email = Unique("graph");
        var username = "g" + Guid.NewGuid().ToString("N")[..10];
        var created = (await _admin.SendAsync(HttpMethod.Post, "users", $$"""
            {
              "accountEnabled": true,
              "displayName": "Grace Hopper",
              "givenName": "Grace",
              "surname": "Hopper",
              "mail": "grace.contact@example.com",
              "identities": [
                { "signInType": "emailAddress", "issuer": "{{IdPFactory.TenantDomain}}", "issuerAssignedId": "{{email}}" },
                { "signInType": "userName", "issuer": "{{IdPFactory.TenantDomain}}", "issuerAssignedId": "{{username}}" },
                { "signInType": "userPrincipalName", "issuer": "{{IdPFactory.TenantDomain}}", "issuerAssignedId": "{{Guid.NewGuid()}}@{{IdPFactory.TenantDomain}}" }
              ],
              "passwordProfile": { "password": "{{Password}}", "forceChangePasswordNextSignIn": false },
              "passwordPolicies": "DisablePasswordExpiration"
            }
            """)).Expect(201);

        Assert.Equal(email, created["signInEmail"]);
        Assert.Equal(username, created["username"]);
        Assert.Equal("grace.contact@example.com", created["contactEmail"]);
        Assert.Equal("Hopper", created["surname"]);
        await SignInAsync(email, Password, expectSuccess: true);
    }

    [Fact]
    public async Task Graph_create_refuses_social_identities_clearly()
    {
        (await _admin.PostAsync("users", new
        {
            identities = new[] { new { signInType = "federated", issuer = "facebook.com", issuerAssignedId = "123" } },
            passwordProfile = new { password = Password },
        })).ExpectInvalid("identities[0].signInType");
        (await _admin.PostAsync("users", new { identities = Array.Empty<object>(), passwordProfile = new { password = Password } })).ExpectInvalid("identities");
        (await _admin.PostAsync("users", new { mail = Unique("m"), signInEmail = Unique("s"), password = Password })).ExpectInvalid("signInEmail");
    }

    [Fact]
    public async Task A_duplicate_sign_in_name_is_refused_naming_the_field_in_the_shape_sent()
    {
        var email = Unique("dup");
        (await _admin.PostAsync("users", new { signInEmail = email, password = Password })).Expect(201);

        var ours = (await _admin.PostAsync("users", new { signInEmail = email.ToUpperInvariant(), password = Password })).ExpectInvalid("signInEmail");
        Assert.Contains("already used", ours.Single(), StringComparison.Ordinal);
        (await _admin.PostAsync("users", new
        {
            identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = email } },
            passwordProfile = new { password = Password },
        })).ExpectInvalid("identities[0].issuerAssignedId");
        (await _admin.PostAsync("users", new { signInEmail = "not-an-address", password = Password })).ExpectInvalid("signInEmail");
        (await _admin.PostAsync("users", new { password = Password })).ExpectInvalid("signInEmail");
        (await _admin.PostAsync("users", new { signInEmail = Unique("long"), password = Password, displayName = new string('x', 300) })).ExpectInvalid("displayName");
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercaseletters")]
    [InlineData("Password1")]
    public async Task A_weak_password_is_refused_naming_the_field(string weak)
    {
        (await _admin.PostAsync("users", new { signInEmail = Unique("weak"), password = weak })).ExpectInvalid("password");
        (await _admin.PostAsync("users", new
        {
            identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = Unique("weakg") } },
            passwordProfile = new { password = weak },
        })).ExpectInvalid("passwordProfile.password");
    }

    [Fact]
    public async Task Users_are_listed_a_page_at_a_time_and_searched_by_the_start_of_a_sign_in_name()
    {
        var prefix = "srch" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
        {
            (await _admin.PostAsync("users", new { signInEmail = $"{prefix}.{i}@example.com", password = Password })).Expect(201);
        }

        (await _admin.PostAsync("users", new { username = prefix.ToUpperInvariant() + "-name", password = Password })).Expect(201);

        var first = (await _admin.GetAsync($"users?search={prefix}&pageSize=3")).Expect(200);
        Assert.Equal(4, first.Json.GetProperty("total").GetInt32());
        Assert.Equal(3, first.Json.GetProperty("items").GetArrayLength());
        var second = (await _admin.GetAsync($"users?search={prefix.ToUpperInvariant()}&pageSize=3&page=2")).Expect(200);
        var both = first.Json.GetProperty("items").EnumerateArray().Concat(second.Json.GetProperty("items").EnumerateArray())
            .Select(u => u.GetProperty("signInEmail").GetString() ?? u.GetProperty("username").GetString()).ToList();
        Assert.Equal(4, both.Distinct().Count());
        Assert.Contains(prefix.ToUpperInvariant() + "-name", both);
        Assert.Equal(0, (await _admin.GetAsync($"users?search=zz{prefix}")).Expect(200).Json.GetProperty("total").GetInt32());
        (await _admin.GetAsync("users?pageSize=1000")).ExpectInvalid("pageSize");
        (await _admin.GetAsync("users?page=0")).ExpectInvalid("page");
        Assert.Equal("application/problem+json", (await _admin.GetAsync("users?page=abc")).Expect(400).MediaType);
        (await _admin.GetAsync($"users/{Guid.NewGuid()}")).Expect(404);
    }

    [Fact]
    public async Task A_user_is_changed_and_keeps_at_least_one_sign_in_name()
    {
        var email = Unique("edit");
        var id = (await _admin.PostAsync("users", new { signInEmail = email, password = Password, displayName = "Old" })).Expect(201)["id"];
        var newEmail = Unique("edited");

        var changed = (await _admin.PatchAsync($"users/{id}", new { signInEmail = newEmail, username = "e" + Guid.NewGuid().ToString("N")[..8], displayName = "New", surname = "", contactEmail = "contact@example.com" })).Expect(200);

        Assert.Equal(newEmail, changed["signInEmail"]);
        Assert.Equal("New", changed["displayName"]);
        Assert.Equal("contact@example.com", changed["contactEmail"]);
        await SignInAsync(newEmail, Password, expectSuccess: true);
        await SignInAsync(email, Password, expectSuccess: false);
        (await _admin.PatchAsync($"users/{id}", new { signInEmail = "", username = "" })).ExpectInvalid("signInEmail");
        (await _admin.PatchAsync($"users/{id}", new { contactEmail = "nope" })).ExpectInvalid("contactEmail");
        (await _admin.PatchAsync($"users/{Guid.NewGuid()}", new { displayName = "x" })).Expect(404);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disabling_refuses_sign_in_and_ends_grants_and_enabling_lets_the_user_sign_in_again(bool throughGraphsUpdate)
    {
        var (user, client, tokens) = await SignedInUserAsync();

        var disabled = (await SetEnabledAsync(user.Account.Id, false, throughGraphsUpdate)).Expect(200);
        Assert.False(disabled.Json.GetProperty("accountEnabled").GetBoolean());
        Assert.Equal(400, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        await SignInAsync(user.Email, user.Password, expectSuccess: false);

        (await SetEnabledAsync(user.Account.Id, true, throughGraphsUpdate)).Expect(200);
        await SignInAsync(user.Email, user.Password, expectSuccess: true);
        Assert.Equal(400, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
    }

    [Theory]
    [InlineData(false, "password")]
    [InlineData(true, "passwordProfile.password")]
    public async Task Setting_a_password_checks_it_replaces_the_old_one_and_ends_grants(bool throughGraphsUpdate, string field)
    {
        var (user, client, tokens) = await SignedInUserAsync();

        (await SetPasswordAsync(user.Account.Id, "password", throughGraphsUpdate)).ExpectInvalid(field);
        (await SetPasswordAsync(user.Account.Id, user.Email, throughGraphsUpdate)).ExpectInvalid(field);
        (await SetPasswordAsync(user.Account.Id, null, throughGraphsUpdate)).ExpectInvalid(field);
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);

        (await SetPasswordAsync(user.Account.Id, "Purple-Otter-Dances-42", throughGraphsUpdate)).Expect(200);

        await SignInAsync(user.Email, user.Password, expectSuccess: false);
        await SignInAsync(user.Email, "Purple-Otter-Dances-42", expectSuccess: true);
        Assert.Equal(400, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        (await SetPasswordAsync(Guid.NewGuid(), "Purple-Otter-Dances-42", throughGraphsUpdate)).Expect(404);
    }

    [Fact]
    public async Task A_graph_update_with_a_refused_field_changes_nothing_and_names_every_refused_field()
    {
        var (user, client, tokens) = await SignedInUserAsync();

        var refused = (await _admin.PatchAsync($"users/{user.Account.Id}", new { displayName = "Not Saved", contactEmail = "nope", accountEnabled = false, passwordProfile = new { forceChangePasswordNextSignIn = true } }));

        Assert.Equal("A password is required (passwordProfile.password).", refused.ExpectInvalid("passwordProfile.password").Single());
        refused.ExpectInvalid("contactEmail");
        var unchanged = (await _admin.GetAsync($"users/{user.Account.Id}")).Expect(200);
        Assert.NotEqual("Not Saved", unchanged["displayName"]);
        Assert.True(unchanged.Json.GetProperty("accountEnabled").GetBoolean());
        Assert.False(unchanged.Json.GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        await SignInAsync(user.Email, user.Password, expectSuccess: true);
    }

    [Fact]
    public async Task A_graph_update_is_audited_naming_the_fields_set_and_never_the_password()
    {
        var user = await factory.CreateUserAsync();

        (await _admin.PatchAsync($"users/{user.Account.Id}", new { displayName = "Audited", accountEnabled = false, passwordProfile = new { password = "Purple-Otter-Dances-42", forceChangePasswordNextSignIn = true } })).Expect(200);

        var details = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == user.Account.Id && e.Type == AdminEventTypes.UserUpdated).Select(e => e.Details).SingleAsync());
        Assert.EndsWith(": changed displayName, accountEnabled, passwordProfile; disabled; password set, must change the password at next sign-in; sessions and grants ended", details, StringComparison.Ordinal);
        Assert.DoesNotContain("Purple-Otter-Dances-42", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_sessions_ends_refresh_tokens_and_the_sso_session()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        var silent = client.Authorize() with { Prompt = null };
        Assert.NotNull((await browser.NavigateAsync(silent.Url)).ToApp()["code"]);

        Assert.NotEmpty(await StandingSessionsAsync(user.Account.Id));

        (await _admin.PostAsync($"users/{user.Account.Id}/revoke-sessions")).Expect(200);

        Assert.Equal(400, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url));
        Assert.Empty(await StandingSessionsAsync(user.Account.Id)); // the account's session list (what the portal shows) is empty too
    }

    [Fact]
    public async Task A_deleted_user_is_gone_and_cannot_sign_in()
    {
        var (user, client, tokens) = await SignedInUserAsync();

        (await _admin.DeleteAsync($"users/{user.Account.Id}")).Expect(204);

        (await _admin.GetAsync($"users/{user.Account.Id}")).Expect(404);
        Assert.Equal(400, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        await SignInAsync(user.Email, user.Password, expectSuccess: false);
        (await _admin.DeleteAsync($"users/{user.Account.Id}")).Expect(404);
    }

    [Fact]
    public async Task A_json_lines_import_creates_the_good_lines_and_reports_the_bad_ones()
    {
        var ours = Unique("imp1");
        var graph = Unique("imp2");
        var lines = string.Join("\n",
            JsonSerializer.Serialize(new { signInEmail = ours, password = Password, displayName = "One" }),
            "",
            JsonSerializer.Serialize(new { identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = graph } }, passwordProfile = new { password = Password, forceChangePasswordNextSignIn = false } }),
            "{ this is not json",
            JsonSerializer.Serialize(new { signInEmail = ours, password = Password }),
            JsonSerializer.Serialize(new { signInEmail = Unique("imp3"), password = "weak" }),
            "{\"signInEmail\": 42}");

        var report = (await _admin.SendAsync(HttpMethod.Post, "users/import", lines, contentType: "application/x-ndjson")).Expect(200).Json;

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(4, report.GetProperty("failed").GetInt32());
        var byLine = report.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("line").GetInt32());
        Assert.Equal([1, 3, 4, 5, 6, 7], byLine.Keys.Order());
        Assert.Equal("created", byLine[1].GetProperty("status").GetString());
        Assert.Equal("created", byLine[3].GetProperty("status").GetString());
        Assert.Equal("failed", byLine[4].GetProperty("status").GetString());
        Assert.Equal("signInEmail", byLine[5].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("password", byLine[6].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("signInEmail", byLine[7].GetProperty("errors")[0].GetProperty("field").GetString());
        var id = byLine[3].GetProperty("id").GetString();
        Assert.Equal(graph, (await _admin.GetAsync($"users/{id}")).Expect(200)["signInEmail"]);
        await SignInAsync(graph, Password, expectSuccess: true);
    }

    [Fact]
    public async Task An_import_too_large_or_empty_is_refused_whole()
    {
        var tooMany = string.Join("\n", Enumerable.Range(0, 1001).Select(i => "{}"));
        (await _admin.SendAsync(HttpMethod.Post, "users/import", tooMany, contentType: "application/x-ndjson")).ExpectInvalid("file");
        (await _admin.SendAsync(HttpMethod.Post, "users/import", "\n\n", contentType: "application/x-ndjson")).ExpectInvalid("file");
        var huge = new string('x', 5 * 1024 * 1024);
        (await _admin.SendAsync(HttpMethod.Post, "users/import", huge, contentType: "application/x-ndjson")).ExpectInvalid("file");
    }

    private async Task<(TestUser User, OidcClient Client, TokenResponse Tokens)> SignedInUserAsync()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        return (user, client, tokens);
    }

    /// <summary>Disables or enables through the dedicated operation, or through Graph's update (<c>accountEnabled</c>).</summary>
    private Task<AdminResponse> SetEnabledAsync(Guid id, bool enabled, bool throughGraphsUpdate) =>
        throughGraphsUpdate
            ? _admin.PatchAsync($"users/{id}", new { accountEnabled = enabled })
            : _admin.PostAsync($"users/{id}/{(enabled ? "enable" : "disable")}");

    /// <summary>Sets a password through the dedicated operation, or through Graph's update (<c>passwordProfile</c>); null sends none.</summary>
    private Task<AdminResponse> SetPasswordAsync(Guid id, string? password, bool throughGraphsUpdate) =>
        throughGraphsUpdate
            ? _admin.PatchAsync($"users/{id}", new { passwordProfile = new { password, forceChangePasswordNextSignIn = false } })
            : _admin.PutAsync($"users/{id}/password", new { password });

    private async Task SignInAsync(string signInName, string password, bool expectSuccess)
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url));
        var after = await page.SignInAsync(signInName, password);
        if (expectSuccess)
        {
            Assert.NotNull(after.ToApp()["code"]);
        }
        else
        {
            Assert.NotNull(SignInPage.On(browser, after).Error);
        }
    }

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}@example.com";
}

public sealed class UsersApiTestsOnSqlite(AdminApiFactory<Sqlite> factory) : UsersApiTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class UsersApiTestsOnPostgres(AdminApiFactory<Postgres> factory) : UsersApiTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
