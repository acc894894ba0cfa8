namespace IdP.Server.Tests.Admin;

/// <summary>User flows through the admin API: every property, B2C's ranges as field errors, and the last sign-in flow kept.</summary>
public abstract class UserFlowsApiTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task The_list_gives_every_field_of_each_flow_but_its_template_which_the_flow_itself_gives()
    {
        var name = "lst_" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsync("user-flows", new { name, type = "SignIn", customPageContent = "<html><body><h1>Listed template</h1><div id=\"api\"></div></body></html>" })).Expect(201);
        var full = "B2C_1_" + name;

        var single = (await _admin.GetAsync($"user-flows/{full}")).Expect(200).Json;
        var listed = (await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray().Single(f => f.GetProperty("name").GetString() == full);

        Assert.Contains("Listed template", single.GetProperty("customPageContent").GetString(), StringComparison.Ordinal);
        Assert.False(listed.TryGetProperty("customPageContent", out _), listed.GetRawText());
        // Every other field, under the same name and with the same value as the flow's own answer.
        Assert.Equal(
            single.EnumerateObject().Where(p => p.Name != "customPageContent").Select(p => $"{p.Name}={p.Value.GetRawText()}").Order(StringComparer.Ordinal),
            listed.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_flow_is_created_with_every_property_read_changed_and_deleted()
    {
        var name = "api_" + Guid.NewGuid().ToString("N")[..8];
        var created = (await _admin.PostAsync("user-flows", new
        {
            name,
            type = "SignIn",
            signInType = "Username",
            applicationClaims = new[] { "oid", "name", "emails" },
            accessAndIdTokenLifetimeMinutes = 30,
            refreshTokenLifetimeDays = 7,
            refreshTokenSlidingWindow = "Bounded",
            refreshTokenSlidingWindowDays = 30,
            issuerFormat = "PolicyIssuer",
            subjectClaim = "ObjectId",
            policyClaim = "Acr",
            sessionLifetimeMinutes = 120,
            sessionTimeout = "Absolute",
            passwordComplexity = new { level = "Custom", minLength = 12, maxLength = 100, requiredClassCount = 4 },
            passwordResetBehavior = "HandOff",
        })).Expect(201);

        var full = "B2C_1_" + name;
        Assert.Equal(full, created["name"]);
        Assert.Equal("Username", created["signInType"]);
        Assert.Equal("PolicyIssuer", created["issuerFormat"]);
        Assert.Equal("HandOff", created["passwordResetBehavior"]);
        Assert.Equal(12, created.Json.GetProperty("passwordComplexity").GetProperty("minLength").GetInt32());
        Assert.Equal("Custom", created.Json.GetProperty("passwordComplexity").GetProperty("level").GetString());

        var read = (await _admin.GetAsync($"user-flows/{full.ToUpperInvariant()}")).Expect(200);
        Assert.Equal(30, read.Json.GetProperty("accessAndIdTokenLifetimeMinutes").GetInt32());
        Assert.Contains((await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray(), f => f.GetProperty("name").GetString() == full);

        var changed = (await _admin.PatchAsync($"user-flows/{full}", new { passwordComplexity = new { level = "Simple" }, passwordResetBehavior = "Embedded", sessionLifetimeMinutes = 60 })).Expect(200);
        Assert.Equal("Simple", changed.Json.GetProperty("passwordComplexity").GetProperty("level").GetString());
        Assert.Equal(64, changed.Json.GetProperty("passwordComplexity").GetProperty("maxLength").GetInt32());
        Assert.Equal("Embedded", changed["passwordResetBehavior"]);
        Assert.Equal(60, changed.Json.GetProperty("sessionLifetimeMinutes").GetInt32());
        Assert.Equal(30, changed.Json.GetProperty("accessAndIdTokenLifetimeMinutes").GetInt32());

        // The server serves the flow at once: its discovery document names the tfp issuer it was given.
        using var http = factory.CreateHttpClient();
        var discovery = await http.GetStringAsync($"/{IdPFactory.Tenant}/{full}/v2.0/.well-known/openid-configuration");
        Assert.Contains("/tfp/", discovery, StringComparison.Ordinal);

        (await _admin.DeleteAsync($"user-flows/{full}")).Expect(204);
        (await _admin.GetAsync($"user-flows/{full}")).Expect(404);
        Assert.Equal(404, (int)(await http.GetAsync($"/{IdPFactory.Tenant}/{full}/v2.0/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task A_custom_numbers_only_complexity_is_stored_read_back_and_kept_by_a_patch_of_something_else()
    {
        var name = "pin_" + Guid.NewGuid().ToString("N")[..8];
        var created = (await _admin.PostAsync("user-flows", new { name, type = "PasswordReset", passwordComplexity = new { level = "Custom", minLength = 4, maxLength = 16, numbersOnly = true } })).Expect(201);

        var complexity = created.Json.GetProperty("passwordComplexity");
        Assert.Equal(("Custom", 4, 16, 0, true), (complexity.GetProperty("level").GetString(), complexity.GetProperty("minLength").GetInt32(), complexity.GetProperty("maxLength").GetInt32(),
            complexity.GetProperty("requiredClassCount").GetInt32(), complexity.GetProperty("numbersOnly").GetBoolean()));

        var patched = (await _admin.PatchAsync($"user-flows/B2C_1_{name}", new { sessionLifetimeMinutes = 60 })).Expect(200);
        Assert.True(patched.Json.GetProperty("passwordComplexity").GetProperty("numbersOnly").GetBoolean());
        Assert.True((await _admin.GetAsync($"user-flows/B2C_1_{name}")).Expect(200).Json.GetProperty("passwordComplexity").GetProperty("numbersOnly").GetBoolean());

        var withClasses = (await _admin.PatchAsync($"user-flows/B2C_1_{name}", new { passwordComplexity = new { level = "Custom", minLength = 4, maxLength = 16, requiredClassCount = 2, numbersOnly = true } })).ExpectInvalid("passwordComplexity");
        Assert.Contains("A numbers-only password cannot require character classes.", withClasses);
        (await _admin.PatchAsync($"user-flows/B2C_1_{name}", new { passwordComplexity = new { level = "Custom", minLength = 3, maxLength = 16, numbersOnly = true } })).ExpectInvalid("passwordComplexity");
    }

    [Fact]
    public async Task Forced_password_reset_is_off_by_default_and_turned_on_and_off_by_a_patch_that_keeps_it_otherwise()
    {
        var name = "frc_" + Guid.NewGuid().ToString("N")[..8];
        var full = "B2C_1_" + name;
        Assert.False((await _admin.PostAsync("user-flows", new { name, type = "SignIn" })).Expect(201).Json.GetProperty("forcedPasswordReset").GetBoolean());

        Assert.True((await _admin.PatchAsync($"user-flows/{full}", new { forcedPasswordReset = true })).Expect(200).Json.GetProperty("forcedPasswordReset").GetBoolean());
        Assert.True((await _admin.PatchAsync($"user-flows/{full}", new { sessionLifetimeMinutes = 60 })).Expect(200).Json.GetProperty("forcedPasswordReset").GetBoolean());
        Assert.True((await _admin.GetAsync($"user-flows/{full}")).Expect(200).Json.GetProperty("forcedPasswordReset").GetBoolean());
        Assert.False((await _admin.PatchAsync($"user-flows/{full}", new { forcedPasswordReset = false })).Expect(200).Json.GetProperty("forcedPasswordReset").GetBoolean());

        (await _admin.PatchAsync($"user-flows/{full}", new { forcedPasswordReset = "yes" })).ExpectInvalid("forcedPasswordReset");
    }

    [Theory]
    [InlineData("SignIn")]
    [InlineData("PasswordReset")]
    public async Task Require_id_token_in_logout_requests_is_off_by_default_and_turned_on_and_off_by_a_patch_that_keeps_it_otherwise(string type)
    {
        var name = "rit_" + Guid.NewGuid().ToString("N")[..8];
        var full = "B2C_1_" + name;
        Assert.False((await _admin.PostAsync("user-flows", new { name, type })).Expect(201).Json.GetProperty("requireIdTokenInLogoutRequests").GetBoolean());

        Assert.True((await _admin.PatchAsync($"user-flows/{full}", new { requireIdTokenInLogoutRequests = true })).Expect(200).Json.GetProperty("requireIdTokenInLogoutRequests").GetBoolean());
        Assert.True((await _admin.PatchAsync($"user-flows/{full}", new { sessionLifetimeMinutes = 60 })).Expect(200).Json.GetProperty("requireIdTokenInLogoutRequests").GetBoolean());
        Assert.True((await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == full).GetProperty("requireIdTokenInLogoutRequests").GetBoolean());
        Assert.False((await _admin.PatchAsync($"user-flows/{full}", new { requireIdTokenInLogoutRequests = false })).Expect(200).Json.GetProperty("requireIdTokenInLogoutRequests").GetBoolean());

        (await _admin.PatchAsync($"user-flows/{full}", new { requireIdTokenInLogoutRequests = "yes" })).ExpectInvalid("requireIdTokenInLogoutRequests");
    }

    [Theory]
    [InlineData("SignIn")]
    [InlineData("PasswordReset")]
    public async Task Single_sign_on_configuration_is_Tenant_by_default_set_by_name_kept_by_other_patches_and_refused_outside_B2Cs_four(string type)
    {
        var name = "sso_" + Guid.NewGuid().ToString("N")[..8];
        var full = "B2C_1_" + name;
        Assert.Equal("Tenant", (await _admin.PostAsync("user-flows", new { name, type })).Expect(201)["singleSignOnConfiguration"]);

        Assert.Equal("Application", (await _admin.PatchAsync($"user-flows/{full}", new { singleSignOnConfiguration = "Application" })).Expect(200)["singleSignOnConfiguration"]);
        Assert.Equal("Application", (await _admin.PatchAsync($"user-flows/{full}", new { sessionLifetimeMinutes = 60 })).Expect(200)["singleSignOnConfiguration"]);
        Assert.Equal("Policy", (await _admin.PatchAsync($"user-flows/{full}", new { singleSignOnConfiguration = "Policy" })).Expect(200)["singleSignOnConfiguration"]);
        Assert.Equal("Policy", (await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == full).GetProperty("singleSignOnConfiguration").GetString());
        Assert.Equal("Suppressed", (await _admin.PatchAsync($"user-flows/{full}", new { singleSignOnConfiguration = "Suppressed" })).Expect(200)["singleSignOnConfiguration"]);

        (await _admin.PatchAsync($"user-flows/{full}", new { singleSignOnConfiguration = "Browser" })).ExpectInvalid("singleSignOnConfiguration");
        Assert.Equal("Suppressed", (await _admin.GetAsync($"user-flows/{full}")).Expect(200)["singleSignOnConfiguration"]);
    }

    [Fact]
    public async Task A_misspelt_field_is_a_400_naming_it_and_nothing_changes_where_it_was_once_silently_ignored()
    {
        var name = "typo_" + Guid.NewGuid().ToString("N")[..8];
        var full = "B2C_1_" + name;
        (await _admin.PostAsync("user-flows", new { name, type = "SignIn", sesionLifetimeMinutes = 60 })).ExpectInvalid("sesionLifetimeMinutes");
        (await _admin.PostAsync("user-flows", new { name, type = "SignIn" })).Expect(201);

        var messages = (await _admin.PatchAsync($"user-flows/{full}", new { singleSignOnConfigration = "Suppressed", sessionLifetimeMinutes = 123 })).ExpectInvalid("singleSignOnConfigration");
        var nested = (await _admin.PatchAsync($"user-flows/{full}", new { passwordComplexity = new { level = "Strong", minLenght = 12 } })).ExpectInvalid("passwordComplexity.minLenght");

        Assert.Contains(messages, m => m.Contains("singleSignOnConfigration", StringComparison.Ordinal));
        Assert.Contains(nested, m => m.Contains("minLenght", StringComparison.Ordinal));
        var kept = (await _admin.GetAsync($"user-flows/{full}")).Expect(200);
        Assert.Equal("Tenant", kept["singleSignOnConfiguration"]);
        Assert.NotEqual("123", kept["sessionLifetimeMinutes"]);
    }

    [Fact]
    public async Task Multifactor_authentication_is_off_with_email_by_default_set_by_name_kept_by_other_patches_and_refused_on_reset_flows_and_outside_its_values()
    {
        var name = "mfa_" + Guid.NewGuid().ToString("N")[..8];
        var full = "B2C_1_" + name;
        var created = (await _admin.PostAsync("user-flows", new { name, type = "SignIn" })).Expect(201);
        Assert.Equal(("Off", "Email"), (created["multifactorEnforcement"], created["multifactorMethod"]));

        Assert.Equal("AlwaysOn", (await _admin.PatchAsync($"user-flows/{full}", new { multifactorEnforcement = "AlwaysOn" })).Expect(200)["multifactorEnforcement"]);
        Assert.Equal("AlwaysOn", (await _admin.PatchAsync($"user-flows/{full}", new { sessionLifetimeMinutes = 60 })).Expect(200)["multifactorEnforcement"]);
        Assert.Equal("AlwaysOn", (await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == full).GetProperty("multifactorEnforcement").GetString());

        // B2C's Conditional and its other methods are not offered.
        (await _admin.PatchAsync($"user-flows/{full}", new { multifactorEnforcement = "Conditional" })).ExpectInvalid("multifactorEnforcement");
        (await _admin.PatchAsync($"user-flows/{full}", new { multifactorMethod = "Sms" })).ExpectInvalid("multifactorMethod");
        (await _admin.PostAsync("user-flows", new { name = "mfr_" + Guid.NewGuid().ToString("N")[..8], type = "PasswordReset", multifactorEnforcement = "AlwaysOn" })).ExpectInvalid("multifactorEnforcement");
        Assert.Equal("Off", (await _admin.PatchAsync($"user-flows/{full}", new { multifactorEnforcement = "Off" })).Expect(200)["multifactorEnforcement"]);
    }

    [Fact]
    public async Task Keep_me_signed_in_is_off_with_30_days_by_default_turned_on_by_a_patch_and_its_days_are_kept_within_1_to_90()
    {
        var name = "kmsi_" + Guid.NewGuid().ToString("N")[..8];
        var full = "B2C_1_" + name;
        var created = (await _admin.PostAsync("user-flows", new { name, type = "SignIn" })).Expect(201).Json;
        Assert.Equal((false, 30), (created.GetProperty("keepMeSignedIn").GetBoolean(), created.GetProperty("keepMeSignedInDays").GetInt32()));

        var on = (await _admin.PatchAsync($"user-flows/{full}", new { keepMeSignedIn = true, keepMeSignedInDays = 90 })).Expect(200).Json;
        Assert.Equal((true, 90), (on.GetProperty("keepMeSignedIn").GetBoolean(), on.GetProperty("keepMeSignedInDays").GetInt32()));
        Assert.True((await _admin.PatchAsync($"user-flows/{full}", new { sessionLifetimeMinutes = 60 })).Expect(200).Json.GetProperty("keepMeSignedIn").GetBoolean());

        Assert.Equal(["Keep me signed in session (days) must be between 1 and 90; 91 is out of range."],
            (await _admin.PatchAsync($"user-flows/{full}", new { keepMeSignedInDays = 91 })).ExpectInvalid("keepMeSignedInDays"));
        (await _admin.PatchAsync($"user-flows/{full}", new { keepMeSignedInDays = 0 })).ExpectInvalid("keepMeSignedInDays");
        Assert.Equal(90, (await _admin.GetAsync($"user-flows/{full}")).Expect(200).Json.GetProperty("keepMeSignedInDays").GetInt32());
    }

    [Fact]
    public async Task A_password_reset_flow_cannot_turn_keep_me_signed_in_on_as_in_B2C()
    {
        var name = "kmsir_" + Guid.NewGuid().ToString("N")[..8];

        var refused = (await _admin.PostAsync("user-flows", new { name, type = "PasswordReset", keepMeSignedIn = true })).ExpectInvalid("keepMeSignedIn");

        Assert.Equal(["Keep me signed in is offered on sign-in flows only, as in B2C: a password reset flow cannot enable it."], refused);
        (await _admin.GetAsync($"user-flows/B2C_1_{name}")).Expect(404);
        Assert.False((await _admin.PostAsync("user-flows", new { name, type = "PasswordReset", keepMeSignedIn = false })).Expect(201).Json.GetProperty("keepMeSignedIn").GetBoolean());
    }

    [Fact]
    public async Task Out_of_range_values_and_duplicates_are_field_errors()
    {
        var name = "range_" + Guid.NewGuid().ToString("N")[..8];
        var invalid = await _admin.PostAsync("user-flows", new { name, accessAndIdTokenLifetimeMinutes = 2, refreshTokenLifetimeDays = 30, refreshTokenSlidingWindowDays = 7, applicationClaims = new[] { "shoe_size" } });
        invalid.ExpectInvalid("accessAndIdTokenLifetimeMinutes");
        Assert.NotEmpty(invalid.ErrorsFor("refreshTokenSlidingWindowDays"));
        Assert.NotEmpty(invalid.ErrorsFor("applicationClaims"));

        (await _admin.PostAsync("user-flows", new { name = "bad name!" })).ExpectInvalid("name");
        (await _admin.PostAsync("user-flows", new { })).ExpectInvalid("name");
        (await _admin.PostAsync("user-flows", new { name = IdPFactory.SignInPolicy })).ExpectInvalid("name");
        (await _admin.PostAsync("user-flows", new { name, passwordComplexity = new { level = "Custom", minLength = 2 } })).ExpectInvalid("passwordComplexity");
        (await _admin.PatchAsync($"user-flows/{IdPFactory.SignInPolicy}", new { name = "B2C_1_renamed" })).ExpectInvalid("name");
        (await _admin.PatchAsync($"user-flows/{IdPFactory.SignInPolicy}", new { sessionLifetimeMinutes = 5 })).ExpectInvalid("sessionLifetimeMinutes");
        (await _admin.PatchAsync("user-flows/B2C_1_nope", new { sessionLifetimeMinutes = 60 })).Expect(404);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"issuerFormat\": \"Sideways\"}", "issuerFormat")]
    [InlineData("{\"name\": \"x\", \"issuerFormat\": 1}", "issuerFormat")]
    [InlineData("{\"name\": \"x\", \"accessAndIdTokenLifetimeMinutes\": \"sixty\"}", "accessAndIdTokenLifetimeMinutes")]
    [InlineData("{\"name\": \"x\", \"accessAndIdTokenLifetimeMinutes\": 99999999999}", "accessAndIdTokenLifetimeMinutes")]
    [InlineData("{\"name\": \"x\", \"passwordComplexity\": {\"level\": \"Unbreakable\"}}", "passwordComplexity.level")]
    public async Task Unknown_options_and_wrong_types_are_400_problems_naming_the_field(string body, string field)
    {
        (await _admin.SendAsync(HttpMethod.Post, "user-flows", body)).ExpectInvalid(field);
    }

    [Fact]
    public async Task The_last_sign_in_flow_cannot_be_deleted_but_a_sign_in_flow_with_another_beside_it_can()
    {
        var flows = (await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray()
            .Where(f => f.GetProperty("type").GetString() == "SignIn").Select(f => f.GetProperty("name").GetString()!).ToList();
        var extra = "spare_" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsync("user-flows", new { name = extra })).Expect(201);
        (await _admin.DeleteAsync($"user-flows/B2C_1_{extra}")).Expect(204);

        var reset = "reset_" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsync("user-flows", new { name = reset, type = "PasswordReset" })).Expect(201);
        if (flows.Count == 1)
        {
            var refused = (await _admin.DeleteAsync($"user-flows/{flows[0]}")).ExpectInvalid("name");
            Assert.Contains("last sign-in user flow", refused.Single(), StringComparison.Ordinal);
        }

        (await _admin.DeleteAsync($"user-flows/B2C_1_{reset}")).Expect(204);
    }
}

public sealed class UserFlowsApiTestsOnSqlite(AdminApiFactory<Sqlite> factory) : UserFlowsApiTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class UserFlowsApiTestsOnPostgres(AdminApiFactory<Postgres> factory) : UserFlowsApiTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
