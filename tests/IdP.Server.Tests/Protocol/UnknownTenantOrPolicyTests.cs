using AngleSharp;

namespace IdP.Server.Tests.Protocol;

/// <summary>A tenant or user flow that does not exist is a 404: an error page for browsers, problem+json for APIs.</summary>
public abstract class UnknownTenantOrPolicyTests(IdPFactory factory)
{
    public static TheoryData<string> ApiUrls => new()
    {
        "/fabrikam/B2C_1_signin/v2.0/.well-known/openid-configuration",
        "/contoso/B2C_1_nosuchflow/v2.0/.well-known/openid-configuration",
        "/contoso/v2.0/.well-known/openid-configuration?p=B2C_1_nosuchflow",
        "/contoso/v2.0/.well-known/openid-configuration",
        "/fabrikam/B2C_1_signin/discovery/v2.0/keys",
        "/contoso/discovery/v2.0/keys?p=B2C_1_nosuchflow",
        "/contoso/discovery/v2.0/keys?p=not-a-policy",
    };

    public static TheoryData<string> BrowserUrls => new()
    {
        "/fabrikam/B2C_1_signin/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fapp.test%2Fcallback&response_type=code&scope=openid&nonce=n",
        "/contoso/B2C_1_nosuchflow/oauth2/v2.0/authorize?client_id=x&response_type=code",
        "/contoso/oauth2/v2.0/authorize?p=B2C_1_nosuchflow&client_id=x",
        "/fabrikam/B2C_1_signin/oauth2/v2.0/logout",
        "/contoso/oauth2/v2.0/logout?p=B2C_1_nosuchflow",
        "/fabrikam/B2C_1_signin/signin?tx=abc",
    };

    [Theory]
    [MemberData(nameof(ApiUrls))]
    public async Task Discovery_and_keys_of_an_unknown_tenant_or_policy_are_404_problem_json(string url)
    {
        var body = await NotFoundAsync(HttpMethod.Get, url, "application/problem+json");

        Assert.Contains("does not exist", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/fabrikam/B2C_1_signin/oauth2/v2.0/token")]
    [InlineData("/contoso/B2C_1_nosuchflow/oauth2/v2.0/token")]
    [InlineData("/contoso/oauth2/v2.0/token?p=B2C_1_nosuchflow")]
    public async Task The_token_endpoint_of_an_unknown_tenant_or_policy_is_404_problem_json(string url)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "x" });

        await NotFoundAsync(HttpMethod.Post, url, "application/problem+json", form);
    }

    [Theory]
    [MemberData(nameof(BrowserUrls))]
    public async Task Pages_of_an_unknown_tenant_or_policy_are_a_404_error_page(string url)
    {
        var body = await NotFoundAsync(HttpMethod.Get, url, "text/html");

        var page = await BrowsingContext.New().OpenAsync(r => r.Content(body));
        Assert.Contains("does not exist", page.GetElementById(PageElementIds.ErrorMessage)?.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.GetElementById("correlationId")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_error_page_names_the_unknown_tenant()
    {
        var body = await NotFoundAsync(HttpMethod.Get, "/fabrikam/B2C_1_signin/oauth2/v2.0/logout", "text/html");

        Assert.Contains("The tenant &#x27;fabrikam&#x27; does not exist.", body, StringComparison.Ordinal);
    }

    /// <summary>Sends the request, asserts a 404 of <paramref name="mediaType"/> and returns its body.</summary>
    private async Task<string> NotFoundAsync(HttpMethod method, string url, string mediaType, HttpContent? content = null)
    {
        using var client = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(method, url) { Content = content };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class UnknownTenantOrPolicyTestsOnSqlite(IdPFactory<Sqlite> factory) : UnknownTenantOrPolicyTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class UnknownTenantOrPolicyTestsOnPostgres(IdPFactory<Postgres> factory) : UnknownTenantOrPolicyTests(factory), IClassFixture<IdPFactory<Postgres>>;
