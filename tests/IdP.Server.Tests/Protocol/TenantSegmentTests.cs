namespace IdP.Server.Tests.Protocol;

/// <summary>The <c>{tenant}</c> segment names the tenant by name, domain or id, in any case; policies match in any case.</summary>
public abstract class TenantSegmentTests(IdPFactory factory)
{
    [Theory]
    [InlineData("contoso")]
    [InlineData("CONTOSO")]
    [InlineData("contoso.onmicrosoft.com")]
    [InlineData("Contoso.OnMicrosoft.COM")]
    [InlineData("{id}")]
    [InlineData("{ID}")]
    public async Task The_tenant_is_found_by_name_domain_or_id_in_any_case(string segment)
    {
        var id = await factory.TenantIdAsync();
        segment = segment.Replace("{id}", id.ToString("D"), StringComparison.Ordinal).Replace("{ID}", id.ToString("D").ToUpperInvariant(), StringComparison.Ordinal);

        var discovery = await GetDiscoveryAsync($"/{segment}/B2C_1_signin/v2.0/.well-known/openid-configuration");

        Assert.Equal($"{IdPFactory.Origin}/{id:D}/v2.0/", discovery.GetProperty("issuer").GetString());
    }

    [Theory]
    [InlineData("b2c_1_signin")]
    [InlineData("B2C_1_SIGNIN")]
    [InlineData("b2C_1_SiGnIn")]
    public async Task The_policy_is_found_in_any_case_in_both_forms(string policy)
    {
        var inPath = await GetDiscoveryAsync($"/{IdPFactory.Tenant}/{policy}/v2.0/.well-known/openid-configuration");
        var inQuery = await GetDiscoveryAsync($"/{IdPFactory.Tenant}/v2.0/.well-known/openid-configuration?p={policy}");

        Assert.Equal(inPath.GetProperty("issuer").GetString(), inQuery.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Signing_in_through_the_tenant_id_and_an_upper_case_policy_works_end_to_end()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize(policy: "B2C_1_SIGNIN") with { TenantSegment = (await factory.TenantIdAsync()).ToString("D").ToUpperInvariant() };
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!, policy: "b2c_1_signin");

        Assert.Equal(200, tokens.Status);
        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);
        Assert.Equal(IdPFactory.SignInPolicy, idToken.GetClaim("tfp").Value);
    }

    private async Task<JsonElement> GetDiscoveryAsync(string url)
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class TenantSegmentTestsOnSqlite(IdPFactory<Sqlite> factory) : TenantSegmentTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TenantSegmentTestsOnPostgres(IdPFactory<Postgres> factory) : TenantSegmentTests(factory), IClassFixture<IdPFactory<Postgres>>;
