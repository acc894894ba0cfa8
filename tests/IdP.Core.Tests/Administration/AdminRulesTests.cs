using System.Text.Json;
using IdP.Core.Administration;
using IdP.Core.Applications;
using IdP.Core.Audit;

namespace IdP.Core.Tests.Administration;

public sealed class AdminRulesTests
{
    [Theory]
    [InlineData("Blue-Kettle-7", 0)]
    [InlineData("short1A", 1)]
    [InlineData("lowercaseonly", 1)]
    [InlineData("Password1", 1)]
    public void Administrator_set_passwords_follow_strong_and_the_common_list_whatever_the_flow(string password, int problems)
    {
        Assert.Equal(problems, UserRules.CheckPassword("password", password, []).Count);
    }

    [Fact]
    public void A_password_equal_to_a_sign_in_name_is_refused_and_a_missing_one_is_required()
    {
        Assert.Contains(UserRules.CheckPassword("password", "Alice-Smith-99", ["alice-smith-99"]), e => e.Message.Contains("sign-in name", StringComparison.Ordinal));
        Assert.Equal("A password is required.", Assert.Single(UserRules.CheckPassword("passwordProfile.password", null, [])).Message);
    }

    [Fact]
    public void Names_must_fit_their_columns()
    {
        var errors = UserRules.CheckNames(new string('a', 257), new string('b', 129), "ok");

        Assert.Equal(["displayName", "givenName"], errors.Select(e => e.Field));
        Assert.Empty(UserRules.CheckNames(null, "", null));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(0, 50, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 201, 1)]
    [InlineData(-1, 500, 2)]
    public void Pages_start_at_1_and_hold_1_to_200_items(int page, int pageSize, int errors)
    {
        Assert.Equal(errors, Paging.Check(page, pageSize).Count);
    }

    [Fact]
    public void Skipping_never_overflows()
    {
        Assert.Equal(int.MaxValue, Paging.Skip(int.MaxValue, 200));
        Assert.Equal(400, Paging.Skip(3, 200));
    }

    [Fact]
    public void An_audit_filter_ending_before_it_starts_is_refused()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal("to", Assert.Single(new AuditFilter(From: now, To: now.AddMinutes(-1)).Check()).Field);
        Assert.Empty(new AuditFilter("admin.*", Guid.NewGuid(), now, now).Check());
    }

    [Fact]
    public void Admin_json_refuses_unknown_enum_names_and_numbers_and_names_the_field()
    {
        var unknown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UserFlowInput>("{\"issuerFormat\": \"Sideways\"}", AdminJson.Options));
        var number = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UserFlowInput>("{\"issuerFormat\": 1}", AdminJson.Options));

        Assert.Equal("issuerFormat", AdminJson.FieldOf(unknown));
        Assert.Equal("issuerFormat", AdminJson.FieldOf(number));
        Assert.Equal(IssuerFormat.PolicyIssuer, JsonSerializer.Deserialize<UserFlowInput>("{\"issuerFormat\": \"PolicyIssuer\"}", AdminJson.Options)!.IssuerFormat);
    }

    [Theory]
    [InlineData("{\"singleSignOnConfigration\": \"Suppressed\"}", "singleSignOnConfigration")]
    [InlineData("{\"passwordComplexity\": {\"level\": \"Strong\", \"minLenght\": 12}}", "passwordComplexity.minLenght")]
    public void Admin_json_refuses_a_misspelt_field_and_names_it(string json, string field)
    {
        var unknown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UserFlowInput>(json, AdminJson.Options));

        Assert.Equal(field, AdminJson.FieldOf(unknown));
        Assert.Contains(field, AdminJson.Describe(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_input_changes_only_what_it_carries_and_fills_fixed_complexities()
    {
        var flow = new UserFlow { Name = "B2C_1_x", NormalizedName = "B2C_1_X", SessionLifetimeMinutes = 100 };

        new UserFlowInput { PasswordComplexity = new PasswordComplexityInput { Level = PasswordComplexityLevel.Simple }, PolicyClaim = PolicyClaim.Acr }.ApplyTo(flow);

        Assert.Equal(PasswordComplexity.Simple, flow.PasswordComplexity);
        Assert.Equal(PolicyClaim.Acr, flow.PolicyClaim);
        Assert.Equal(100, flow.SessionLifetimeMinutes);
        Assert.Equal(PasswordComplexity.Custom(10, 20, 2), new PasswordComplexityInput { Level = PasswordComplexityLevel.Custom, MinLength = 10, MaxLength = 20, RequiredClassCount = 2 }.ToComplexity());
    }

    [Fact]
    public void Flow_problems_name_the_property_the_api_uses()
    {
        var flow = new UserFlow { Name = "B2C_1_ok", NormalizedName = "B2C_1_OK", AccessAndIdTokenLifetimeMinutes = 1, ApplicationClaims = ["nope"] };

        Assert.Equal(["accessAndIdTokenLifetimeMinutes", "applicationClaims"], UserFlowRules.Problems(flow).Select(p => p.Field));
        Assert.Equal(UserFlowRules.Problems(flow).Select(p => p.Message), UserFlowRules.Check(flow));
    }

    [Fact]
    public void An_application_update_is_summarised_by_the_fields_it_changed()
    {
        var now = DateTimeOffset.UtcNow;
        var before = new ApplicationDetails("app", "App", ["https://a.test/cb"], [], [], [], false, false, false, false, null, [], [], [], now, now);
        var after = before with { DisplayName = "App 2", RedirectUris = ["https://b.test/cb"], AllowImplicitIdToken = true };

        Assert.Equal("changed displayName, redirectUris, allowImplicitIdToken", AppAdministration.Changes(before, after));
        Assert.Equal("no change", AppAdministration.Changes(before, before));
    }

    [Fact]
    public void Every_changed_application_setting_is_named_in_the_audit_summary()
    {
        var now = DateTimeOffset.UtcNow;
        var before = new ApplicationDetails("app", "App", [], [], [], [], false, false, false, false, null, [], [], [], now, now);
        var after = before with
        {
            SpaRedirectUris = ["https://a.test/spa"],
            PublicClientRedirectUris = ["com.example.app://cb"],
            PostLogoutRedirectUris = ["https://a.test/out"],
            AllowImplicitAccessToken = true,
            AllowClientCredentials = true,
            AdminApiAccess = true,
            AppIdUri = "https://a.test/api",
            ApiScopes = [new("read")],
            ApiPermissions = ["https://b.test/api/read"],
        };

        Assert.Equal(
            "changed spaRedirectUris, publicClientRedirectUris, postLogoutRedirectUris, allowImplicitAccessToken, allowClientCredentials, adminApiAccess, appIdUri, apiScopes, apiPermissions",
            AppAdministration.Changes(before, after));
    }

    [Fact]
    public void Names_may_fill_their_columns_and_the_surname_is_checked_too()
    {
        Assert.Empty(UserRules.CheckNames(new string('a', 256), new string('b', 128), new string('c', 128)));
        Assert.Equal("surname", Assert.Single(UserRules.CheckNames(null, null, new string('c', 129))).Field);
    }

    [Fact]
    public void A_page_may_hold_200_items_and_each_paging_problem_names_its_parameter()
    {
        Assert.Empty(Paging.Check(1, Paging.MaxPageSize));
        Assert.Equal(["page", "pageSize"], Paging.Check(0, 0).Select(e => e.Field));
    }

    [Theory]
    [InlineData(SignInNameKind.Email, "The email 'ada@example.com' is already used by another account.")]
    [InlineData(SignInNameKind.Username, "The username 'ada@example.com' is already used by another account.")]
    public void A_taken_sign_in_name_is_reported_by_its_kind(SignInNameKind kind, string message) =>
        Assert.Equal(message, AdminText.SignInNameTaken(kind, "ada@example.com"));

    [Fact]
    public void Admin_json_refuses_control_characters_and_nulls_and_names_the_field()
    {
        var options = AdminJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var control = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<AppRegistration>("{\"clientId\": \"a\\u0001b\", \"displayName\": \"x\"}", options));
        var missing = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<AppRegistration>("{\"clientId\": null, \"displayName\": \"x\"}", options));

        Assert.Equal("clientId", AdminJson.FieldOf(control));
        Assert.Equal("clientId", AdminJson.FieldOf(missing));
        Assert.Equal("tab\tand\r\nlines", JsonSerializer.Deserialize<AppRegistration>("{\"clientId\": \"tab\\tand\\r\\nlines\", \"displayName\": \"x\"}", options)!.ClientId);
    }

    [Theory]
    [InlineData("""{"clientId": "a", "displayName": "\ud800"}""", "displayName")]
    [InlineData("""{"clientId": "a\udc00b", "displayName": "x"}""", "clientId")]
    public void Admin_json_calls_a_lone_surrogate_text_that_is_not_unicode_and_names_the_field(string json, string field)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ApplicationInput>(json, AdminJson.Options));

        Assert.Equal($"'{field}' is not valid Unicode text: it has half of a surrogate pair (such as \\ud800) without the other half.", AdminJson.Describe(exception));
    }

    [Fact]
    public void Admin_json_still_calls_a_number_where_text_belongs_the_wrong_type()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ApplicationInput>("""{"clientId": "a", "displayName": 42}""", AdminJson.Options));

        Assert.Equal("The value of 'displayName' has the wrong type or is not one of its options.", AdminJson.Describe(exception));
    }

    [Fact]
    public void A_json_path_becomes_the_field_name()
    {
        Assert.Equal("", AdminJson.FieldOf(new JsonException("x", "$", null, null)));
        Assert.Equal("[0].name", AdminJson.FieldOf(new JsonException("x", "$[0].name", null, null)));
        Assert.Equal("apiScopes[0].name", AdminJson.FieldOf(new JsonException("x", "$.apiScopes[0].name", null, null)));
    }
}
