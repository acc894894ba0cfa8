namespace IdP.Server.Tests.Protocol;

/// <summary>
/// A parameter given twice (RFC 6749 §3.1: parameters "MUST NOT be included more than once") is refused as
/// invalid_request naming it, at authorize, token and logout. Before, OpenIddict read a repeated parameter as absent
/// and answered "The mandatory 'client_id' parameter is missing" or "The redirect URI '' … is not registered" for a
/// request that carried both, which sent developers looking in the wrong place.
/// </summary>
public abstract class RepeatedParameterTests(IdPFactory factory)
{
    private const string Flow = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}";

    [Theory]
    [InlineData("client_id")]
    [InlineData("redirect_uri")]
    [InlineData("response_type")]
    public async Task A_repeated_authorize_parameter_that_decides_where_to_answer_gets_the_error_page_naming_it(string name)
    {
        var client = await factory.RegisterClientAsync();
        using var http = factory.CreateHttpClient();
        var url = client.Authorize().Url;
        var value = Uri.EscapeDataString(name == "redirect_uri" ? "https://evil.test/callback" : "other");

        using var response = await http.GetAsync($"{url}&{name}={value}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Contains($"The &#x27;{name}&#x27; parameter is given more than once.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("is missing", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_state_is_an_error_returned_to_the_registered_redirect_uri()
    {
        var client = await factory.RegisterClientAsync();
        using var http = factory.CreateHttpClient();

        using var response = await http.GetAsync(client.Authorize().Url + "&state=other");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.AbsoluteUri;
        Assert.StartsWith(client.RedirectUri + "?", location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.StartsWith("The 'state' parameter is given more than once.", query["error_description"].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grant_type")]
    [InlineData("client_id")]
    [InlineData("client_secret")]
    [InlineData("scope")]
    public async Task A_repeated_token_parameter_is_an_invalid_request_naming_it(string name)
    {
        var client = await factory.RegisterClientAsync(secret: "a-secret-of-enough-length-0123", allowClientCredentials: true);
        using var http = factory.CreateHttpClient();
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", client.ClientSecret!),
            new("scope", $"{client.ClientId}/.default"),
            new(name, "other"),
        };

        using var response = await http.PostAsync(Flow + "/oauth2/v2.0/token", new FormUrlEncodedContent(form));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
        Assert.StartsWith($"The '{name}' parameter is given more than once.", json.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_repeated_post_logout_redirect_uri_gets_the_error_page_and_redirects_nowhere()
    {
        var client = await factory.RegisterClientAsync(postLogoutRedirectUris: ["https://app.test/signed-out"]);
        using var http = factory.CreateHttpClient();

        using var response = await http.GetAsync($"{Flow}/oauth2/v2.0/logout?client_id={client.ClientId}&post_logout_redirect_uri={Uri.EscapeDataString("https://app.test/signed-out")}&post_logout_redirect_uri={Uri.EscapeDataString("https://evil.test/")}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("The &#x27;post_logout_redirect_uri&#x27; parameter is given more than once.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oauth2/v2.0/authorize")]
    [InlineData("oauth2/v2.0/logout")]
    public async Task A_repeated_policy_in_the_query_form_gets_the_error_page_naming_it(string endpoint)
    {
        var client = await factory.RegisterClientAsync();
        using var http = factory.CreateHttpClient();
        var url = client.Authorize().Url;
        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];

        using var response = await http.GetAsync($"/{IdPFactory.Tenant}/{endpoint}?p={IdPFactory.SignInPolicy}&p={IdPFactory.SignInPolicy}&{query}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{endpoint}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Contains("The &#x27;p&#x27; parameter is given more than once.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "v2.0/.well-known/openid-configuration")]
    [InlineData("GET", "discovery/v2.0/keys")]
    [InlineData("POST", "oauth2/v2.0/token")]
    public async Task A_repeated_policy_in_the_query_form_of_an_api_endpoint_is_a_400_problem_naming_it(string method, string endpoint)
    {
        using var http = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/{IdPFactory.Tenant}/{endpoint}?p={IdPFactory.SignInPolicy}&p={IdPFactory.SignInPolicy}");
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "nobody" });
        }

        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The 'p' parameter is given more than once.", json.RootElement.GetProperty("detail").GetString());
    }
}

public sealed class RepeatedParameterTestsOnSqlite(IdPFactory<Sqlite> factory) : RepeatedParameterTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class RepeatedParameterTestsOnPostgres(IdPFactory<Postgres> factory) : RepeatedParameterTests(factory), IClassFixture<IdPFactory<Postgres>>;
