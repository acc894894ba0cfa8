namespace IdP.Server.Tests.Protocol;

/// <summary>Malformed requests get a clear 4xx answer (an error page or problem+json), never a 500 or a stack trace.</summary>
public abstract class BadInputTests(IdPFactory factory)
{
    private const string Flow = "/contoso/B2C_1_signin";

    public static TheoryData<string> Gets => new()
    {
        Flow + "/oauth2/v2.0/token",
        Flow + "/oauth2/v2.0/authorize",
        Flow + "/oauth2/v2.0/authorize?client_id=x&response_type=token&scope=openid&nonce=n",
        Flow + "/oauth2/v2.0/authorize?client_id=" + new string('x', 3000),
        Flow + "/oauth2/v2.0/authorize?client_id=x&client_id=y",
        Flow + "/oauth2/v2.0/authorize?tx=" + new string('x', 100),
        Flow + "/oauth2/v2.0/logout?post_logout_redirect_uri=not%20a%20uri",
        Flow + "/oauth2/v2.0/logout?id_token_hint=%00%01",
        Flow + "/signin",
        Flow + "/signin?tx=" + new string('x', 5000),
        Flow + "/cancel",
        Flow + "/cancel?tx=abc",
        Flow + "/password-reset?tx=abc",
        "/contoso/" + new string('p', 600) + "/oauth2/v2.0/authorize",
        "/contoso/B2C_1_%E2%80%AE/v2.0/.well-known/openid-configuration",
        "/contoso/oauth2/v2.0/authorize?p=" + new string('B', 200),
        "/contoso/oauth2/v2.0/authorize?p=B2C_1_signin&p=B2C_1_other",
        "/%C0%AF/B2C_1_signin/v2.0/.well-known/openid-configuration",
        "/no/such/page",
    };

    public static TheoryData<string, string> Posts => new()
    {
        { Flow + "/oauth2/v2.0/token", "" },
        { Flow + "/oauth2/v2.0/token", "grant_type=authorization_code" },
        { Flow + "/oauth2/v2.0/token", "grant_type=authorization_code&code=garbage&client_id=x&redirect_uri=https%3A%2F%2Fapp.test%2Fcallback" },
        { Flow + "/oauth2/v2.0/token", "grant_type=refresh_token&refresh_token=garbage&client_id=x" },
        { Flow + "/oauth2/v2.0/token", "grant_type=password&username=a&password=b&client_id=x" },
        { Flow + "/oauth2/v2.0/token", "grant_type=client_credentials&client_id=" + new string('x', 3000) },
        { Flow + "/oauth2/v2.0/token", "%%%=%%%" },
        { Flow + "/oauth2/v2.0/authorize", "client_id=x" },
        { Flow + "/signin?tx=abc", "signInName=a&password=b" },
    };

    [Theory]
    [MemberData(nameof(Gets))]
    public async Task Malformed_gets_are_answered_with_a_4xx(string url)
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync(url);

        AssertClientError(response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Malformed_posts_are_answered_with_a_4xx(string url, string body)
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        AssertClientError(response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/oauth2/v2.0/authorize")]
    [InlineData("/oauth2/v2.0/logout")]
    public async Task A_post_that_is_not_a_form_gets_the_bad_request_page_not_a_missing_tenant(string endpoint)
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.PostAsync(Flow + endpoint, new StringContent("""{"client_id":"x"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("does not exist", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_request_that_is_not_a_form_gets_an_oauth_invalid_request()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.PostAsync(Flow + "/oauth2/v2.0/token", new StringContent("""{"grant_type":"client_credentials"}""", System.Text.Encoding.UTF8, "application/json"));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
    }

    private static void AssertClientError(HttpResponseMessage response, string body)
    {
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}

public sealed class BadInputTestsOnSqlite(IdPFactory<Sqlite> factory) : BadInputTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class BadInputTestsOnPostgres(IdPFactory<Postgres> factory) : BadInputTests(factory), IClassFixture<IdPFactory<Postgres>>;
