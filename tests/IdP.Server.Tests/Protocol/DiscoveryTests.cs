namespace IdP.Server.Tests.Protocol;

/// <summary>Each user flow publishes its own discovery document and key set, at B2C's path and query-form URLs.</summary>
public abstract class DiscoveryTests(IdPFactory factory)
{
    private const string Policy = IdPFactory.SignInPolicy;

    [Fact]
    public async Task Discovery_in_the_path_form_advertises_the_policys_own_path_endpoints()
    {
        var discovery = await GetJsonAsync($"/{IdPFactory.Tenant}/{Policy}/v2.0/.well-known/openid-configuration");

        // Tenant and policy in lower case, as B2C advertises them: MSAL swaps the policy segment of cached endpoints.
        var flow = $"{IdPFactory.Origin}/{IdPFactory.Tenant}/{Policy.ToLowerInvariant()}";
        Assert.Equal($"{IdPFactory.Origin}/{await factory.TenantIdAsync():D}/v2.0/", discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{flow}/oauth2/v2.0/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{flow}/oauth2/v2.0/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{flow}/oauth2/v2.0/logout", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal($"{flow}/discovery/v2.0/keys", discovery.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Discovery_in_the_query_form_advertises_query_form_endpoints()
    {
        var discovery = await GetJsonAsync($"/{IdPFactory.Tenant}/v2.0/.well-known/openid-configuration?p={Policy}");

        var tenant = $"{IdPFactory.Origin}/{IdPFactory.Tenant}";
        var policy = Policy.ToLowerInvariant();
        Assert.Equal($"{IdPFactory.Origin}/{await factory.TenantIdAsync():D}/v2.0/", discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{tenant}/oauth2/v2.0/authorize?p={policy}", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{tenant}/oauth2/v2.0/token?p={policy}", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{tenant}/oauth2/v2.0/logout?p={policy}", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal($"{tenant}/discovery/v2.0/keys?p={policy}", discovery.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Discovery_advertises_only_response_types_an_app_can_be_allowed_and_the_flows_claims()
    {
        var discovery = await GetJsonAsync($"/{IdPFactory.Tenant}/{Policy}/v2.0/.well-known/openid-configuration");

        Assert.Equal(["code", "code id_token", "id_token", "id_token token"], Strings(discovery, "response_types_supported").Order(StringComparer.Ordinal));
        var claims = Strings(discovery, "claims_supported");
        Assert.Contains("tfp", claims);
        Assert.Contains("tid", claims);
        Assert.Contains("emails", claims);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("code token")]
    [InlineData("code id_token token")]
    public async Task A_response_type_discovery_does_not_advertise_is_refused_with_aadb2c90013(string responseType)
    {
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        using var browser = factory.CreateBrowser();

        var result = await browser.NavigateAsync(client.Authorize(responseType: responseType).Url);

        var app = result.ToApp();
        Assert.Equal("unsupported_response_type", app["error"]);
        Assert.StartsWith("AADB2C90013:", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_describes_what_b2c_supports()
    {
        var discovery = await GetJsonAsync($"/{IdPFactory.Tenant}/{Policy}/v2.0/.well-known/openid-configuration");

        Assert.Contains("RS256", Strings(discovery, "id_token_signing_alg_values_supported"));
        Assert.Contains("S256", Strings(discovery, "code_challenge_methods_supported"));
        Assert.DoesNotContain("plain", Strings(discovery, "code_challenge_methods_supported"));
        Assert.Contains("form_post", Strings(discovery, "response_modes_supported"));
        Assert.Contains("fragment", Strings(discovery, "response_modes_supported"));
        Assert.Contains("query", Strings(discovery, "response_modes_supported"));
        Assert.Contains("tfp", Strings(discovery, "claims_supported"));
        Assert.Contains("emails", Strings(discovery, "claims_supported"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Keys_are_rsa_signing_keys_with_a_kid_in_both_forms(bool queryForm)
    {
        var url = queryForm ? $"/{IdPFactory.Tenant}/discovery/v2.0/keys?p={Policy}" : $"/{IdPFactory.Tenant}/{Policy}/discovery/v2.0/keys";

        var keys = (await GetJsonAsync(url)).GetProperty("keys").EnumerateArray().ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
            Assert.True(key.TryGetProperty("n", out _) && key.TryGetProperty("e", out _));
            Assert.False(key.TryGetProperty("d", out _), "a private key part must never be published");
        });
    }

    [Fact]
    public async Task The_jwks_uri_of_the_discovery_document_serves_the_keys()
    {
        var discovery = await GetJsonAsync($"/{IdPFactory.Tenant}/{Policy}/v2.0/.well-known/openid-configuration");

        var keys = await GetJsonAsync(discovery.GetProperty("jwks_uri").GetString()!);

        Assert.NotEmpty(keys.GetProperty("keys").EnumerateArray());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string?> Strings(JsonElement document, string property) =>
        [.. document.GetProperty(property).EnumerateArray().Select(e => e.GetString())];
}

public sealed class DiscoveryTestsOnSqlite(IdPFactory<Sqlite> factory) : DiscoveryTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class DiscoveryTestsOnPostgres(IdPFactory<Postgres> factory) : DiscoveryTests(factory), IClassFixture<IdPFactory<Postgres>>;
