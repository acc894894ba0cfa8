using IdP.Core.Applications;

namespace IdP.Core.Tests.Applications;

/// <summary>
/// The checks an app registration from the admin API or configuration passes, at their limits (until mutation testing
/// showed it, only the server suite checked them). Each problem names the field the admin API reports it under.
/// </summary>
public sealed class AppRegistrationRulesTests
{
    private static readonly AppRegistration Valid = new("tasks-app", "Tasks")
    {
        RedirectUris = ["https://app.test/signin-oidc"],
        AppIdUri = "https://contoso.test/tasks-api",
        ApiScopes = [new("tasks.read")],
        ApiPermissions = ["https://contoso.test/other-api/read"],
        ClientSecrets = [new(new string('s', ClientSecretHasher.MinimumConfiguredLength))],
    };

    [Fact]
    public void A_complete_registration_has_no_problem() => Assert.Empty(Fields(Valid));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("tasks app")]
    [InlineData("tasks/app")]
    public void The_client_id_is_letters_digits_and_unreserved_characters(string clientId) =>
        Assert.Equal(["clientId"], Fields(Valid with { ClientId = clientId }));

    [Fact]
    public void The_client_id_and_display_name_fit_their_columns()
    {
        Assert.Empty(Fields(Valid with { ClientId = "a.b_c~d-" + new string('e', 120), DisplayName = new string('d', 256) }));
        Assert.Equal(["clientId", "displayName"], Fields(Valid with { ClientId = new string('e', 129), DisplayName = new string('d', 257) }));
        Assert.Equal(["displayName"], Fields(Valid with { DisplayName = " " }));
    }

    [Fact]
    public void An_application_has_at_most_256_reply_urls_over_all_platforms()
    {
        static string[] Urls(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"https://app.test/{prefix}{i}")];

        Assert.Empty(Fields(Valid with { RedirectUris = Urls("web", 200), SpaRedirectUris = Urls("spa", 56) }));
        Assert.Equal(["redirectUris"], Fields(Valid with { RedirectUris = Urls("web", 200), SpaRedirectUris = Urls("spa", 56), PublicClientRedirectUris = Urls("pc", 1) }));
    }

    [Fact]
    public void Each_reply_url_problem_is_reported_under_its_platform()
    {
        var errors = AppRegistrationRules.Check(
            Valid with { RedirectUris = ["http://app.test/web"], SpaRedirectUris = ["http://app.test/spa"], PublicClientRedirectUris = ["javascript:x"], PostLogoutRedirectUris = ["https://app.test/#out"] },
            allowPlainHttp: false);

        Assert.Equal(
            [
                new("redirectUris", "'http://app.test/web' must use https (http is allowed only for localhost)."),
                new("spaRedirectUris", "'http://app.test/spa' must use https (http is allowed only for localhost)."),
                new("publicClientRedirectUris", "'javascript:x' uses the scheme 'javascript', which cannot receive tokens."),
                new AppRegistrationError("postLogoutRedirectUris", "'https://app.test/#out' has a fragment (#…): post-logout URLs cannot have one."),
            ],
            errors);
    }

    [Fact]
    public void Plain_http_reply_urls_pass_when_the_server_allows_them() =>
        Assert.Empty(AppRegistrationRules.Check(Valid with { RedirectUris = ["http://app.test/web"], PostLogoutRedirectUris = ["http://app.test/out"] }, allowPlainHttp: true));

    [Fact]
    public void A_reply_url_is_registered_once_on_one_platform()
    {
        Assert.Equal(["redirectUris"], Fields(Valid with { RedirectUris = ["https://app.test/cb", "https://app.test/cb"] }));
        Assert.Equal(["redirectUris"], Fields(Valid with { RedirectUris = ["https://app.test/cb"], SpaRedirectUris = ["https://app.test/cb"] }));
        Assert.Empty(Fields(Valid with { RedirectUris = ["https://app.test/cb"], SpaRedirectUris = ["https://app.test/CB"] }));
    }

    [Theory]
    [InlineData("https://contoso.test/tasks-api", true)]
    [InlineData("api://tasks", true)]
    [InlineData("http://contoso.test/tasks-api", false)]
    [InlineData("https://contoso.test/tasks-api/", false)]
    [InlineData("https://contoso.test/tasks-api?x=1", false)]
    [InlineData("https://contoso.test/tasks-api#x", false)]
    [InlineData("https://contoso.test/tasks api", false)]
    [InlineData("tasks-api", false)]
    public void The_app_id_uri_is_an_https_or_api_url_without_trailing_slash_query_or_fragment(string appIdUri, bool valid) =>
        Assert.Equal(valid ? [] : ["appIdUri"], Fields(Valid with { AppIdUri = appIdUri }));

    [Fact]
    public void The_app_id_uri_is_at_most_256_characters()
    {
        var longest = "https://contoso.test/" + new string('a', AppRegistrationRules.MaxAppIdUriLength - "https://contoso.test/".Length);

        Assert.Empty(Fields(Valid with { AppIdUri = longest }));
        Assert.Equal(["appIdUri"], Fields(Valid with { AppIdUri = longest + "a" }));
    }

    [Fact]
    public void Scopes_need_an_app_id_uri_and_at_most_100_of_them()
    {
        static ApiScope[] Scopes(int count) => [.. Enumerable.Range(0, count).Select(i => new ApiScope($"s{i}"))];

        Assert.Equal(["appIdUri"], Fields(Valid with { AppIdUri = null }));
        Assert.Empty(Fields(Valid with { AppIdUri = null, ApiScopes = [] }));
        Assert.Empty(Fields(Valid with { ApiScopes = Scopes(100) }));
        Assert.Equal(["apiScopes"], Fields(Valid with { ApiScopes = Scopes(101) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".default")]
    [InlineData("tasks read")]
    [InlineData("tasks/read")]
    public void Scope_names_are_checked(string name) =>
        Assert.Equal(["apiScopes"], Fields(Valid with { ApiScopes = [new(name)] }));

    [Fact]
    public void Scope_names_are_1_to_100_allowed_characters()
    {
        Assert.Empty(Fields(Valid with { ApiScopes = [new("Tasks.Read_all:x-" + new string('a', 83))] }));
        Assert.Equal(["apiScopes"], Fields(Valid with { ApiScopes = [new(new string('a', 101))] }));
    }

    [Theory]
    [InlineData("idp.admin")]
    [InlineData("IdP.Admin")]
    public void The_admin_api_scope_name_is_reserved(string name)
    {
        var error = Assert.Single(AppRegistrationRules.Check(Valid with { ApiScopes = [new("tasks.read"), new(name)] }, allowPlainHttp: false));

        Assert.Equal(new AppRegistrationError("apiScopes", $"'{name}' is reserved for the server's admin API: choose another scope name."), error);
    }

    [Theory]
    [InlineData("idp.admin")]
    [InlineData("idp-admin")]
    [InlineData("IDP-Admin")]
    public void The_admin_api_scope_and_audience_are_reserved_as_application_ids(string clientId)
    {
        // An application's id is also a scope (its own) and the audience of its tokens.
        var error = Assert.Single(AppRegistrationRules.Check(Valid with { ClientId = clientId }, allowPlainHttp: false));

        Assert.Equal(new AppRegistrationError("clientId", $"'{clientId}' is reserved for the server's admin API: choose another application id."), error);
    }

    [Fact]
    public void A_scope_description_is_at_most_1024_characters_and_a_name_appears_once()
    {
        Assert.Empty(Fields(Valid with { ApiScopes = [new("read", new string('d', 1024))] }));
        Assert.Equal(["apiScopes"], Fields(Valid with { ApiScopes = [new("read", new string('d', 1025))] }));
        Assert.Equal(["apiScopes"], Fields(Valid with { ApiScopes = [new("read"), new("read")] }));
    }

    [Theory]
    [InlineData("read")]
    [InlineData("https://contoso.test/other-api/")]
    [InlineData("https://contoso.test/other-api/.default")]
    [InlineData("/other-api/read")]
    public void Api_permissions_are_app_id_uri_and_scope(string permission) =>
        Assert.Equal(["apiPermissions"], Fields(Valid with { ApiPermissions = [permission] }));

    [Fact]
    public void Configured_secrets_are_16_to_512_printable_characters_and_never_echoed()
    {
        Assert.Empty(Fields(Valid with { ClientSecret = new string('s', ClientSecretHasher.MaximumLength) }));

        foreach (var secret in new[] { new string('s', 15), new string('s', 513), "sixteen-chars\n-x" })
        {
            var error = Assert.Single(AppRegistrationRules.Check(Valid with { ClientSecret = secret }, allowPlainHttp: false));
            Assert.Equal("clientSecrets", error.Field);
            Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_application_has_at_most_10_configured_secrets()
    {
        var ten = Enumerable.Range(0, 10).Select(i => new ConfiguredClientSecret($"secret-number-{i:D3}")).ToArray();

        Assert.Empty(Fields(Valid with { ClientSecrets = ten }));
        Assert.Equal(["clientSecrets"], Fields(Valid with { ClientSecrets = ten, ClientSecret = "one-more-secret-value" }));
    }

    private static string[] Fields(AppRegistration registration) =>
        [.. AppRegistrationRules.Check(registration, allowPlainHttp: false).Select(e => e.Field)];
}
