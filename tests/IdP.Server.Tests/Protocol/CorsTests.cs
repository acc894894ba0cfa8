namespace IdP.Server.Tests.Protocol;

/// <summary>
/// Browser scripts (MSAL.js in a SPA) may read discovery and JWKS from any origin, and call the token and logout
/// endpoints only from the origins of the client's registered SPA reply URLs; nothing else answers cross-origin.
/// </summary>
public abstract class CorsTests(IdPFactory factory)
{
    private const string SpaOrigin = "https://spa.test";
    private const string OtherOrigin = "https://evil.test";
    private static readonly string Flow = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}";

    [Theory]
    [InlineData("/v2.0/.well-known/openid-configuration")]
    [InlineData("/discovery/v2.0/keys")]
    public async Task Discovery_and_keys_answer_any_origin(string endpoint)
    {
        using var client = factory.CreateHttpClient();

        using var response = await SendAsync(client, HttpMethod.Get, Flow + endpoint, OtherOrigin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", AllowedOrigin(response));
    }

    [Fact]
    public async Task The_token_endpoint_answers_the_spa_origin_of_the_client_and_no_other()
    {
        var spa = await factory.RegisterApiClientAsync([], spa: true, redirectUri: SpaOrigin + "/index.html");
        var web = await factory.RegisterClientAsync();
        using var client = factory.CreateHttpClient();

        using var fromSpa = await PostTokenAsync(client, spa.ClientId, SpaOrigin);
        using var fromElsewhere = await PostTokenAsync(client, spa.ClientId, OtherOrigin);
        using var otherClient = await PostTokenAsync(client, web.ClientId, SpaOrigin);

        Assert.Equal(SpaOrigin, AllowedOrigin(fromSpa));
        Assert.Contains("Origin", fromSpa.Headers.Vary);
        Assert.Null(AllowedOrigin(fromElsewhere));
        Assert.Null(AllowedOrigin(otherClient));
    }

    [Fact]
    public async Task A_preflight_to_the_token_endpoint_is_answered_for_a_registered_spa_origin_only()
    {
        await factory.RegisterApiClientAsync([], spa: true, redirectUri: SpaOrigin + "/app");
        using var client = factory.CreateHttpClient();

        using var registered = await PreflightAsync(client, Flow + "/oauth2/v2.0/token", SpaOrigin);
        using var unregistered = await PreflightAsync(client, Flow + "/oauth2/v2.0/token", OtherOrigin);

        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        Assert.Equal(SpaOrigin, AllowedOrigin(registered));
        Assert.Contains("POST", registered.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, unregistered.StatusCode);
        Assert.Null(AllowedOrigin(unregistered));
    }

    [Fact]
    public async Task The_logout_endpoint_answers_the_spa_origin_of_the_client()
    {
        var spa = await factory.RegisterApiClientAsync([], spa: true, redirectUri: SpaOrigin + "/index.html");
        using var client = factory.CreateHttpClient();

        using var response = await SendAsync(client, HttpMethod.Get, $"{Flow}/oauth2/v2.0/logout?client_id={spa.ClientId}", SpaOrigin);

        Assert.Equal(SpaOrigin, AllowedOrigin(response));
    }

    [Theory]
    [InlineData("/oauth2/v2.0/authorize?client_id=x")]
    [InlineData("/run-now")]
    public async Task Pages_and_the_authorize_endpoint_never_answer_cross_origin(string endpoint)
    {
        await factory.RegisterApiClientAsync([], spa: true, redirectUri: SpaOrigin + "/index.html");
        using var client = factory.CreateHttpClient();

        using var response = await SendAsync(client, HttpMethod.Get, Flow + endpoint, SpaOrigin);
        using var preflight = await PreflightAsync(client, Flow + endpoint, SpaOrigin);

        Assert.Null(AllowedOrigin(response));
        Assert.Null(AllowedOrigin(preflight));
    }

    private static async Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string clientId, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Flow + "/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "not-a-token", ["client_id"] = clientId }),
        };
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string url, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string origin)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
}

public sealed class CorsTestsOnSqlite(IdPFactory<Sqlite> factory) : CorsTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class CorsTestsOnPostgres(IdPFactory<Postgres> factory) : CorsTests(factory), IClassFixture<IdPFactory<Postgres>>;
