namespace IdP.Server.Tests.Protocol;

/// <summary>
/// HEAD (RFC 9110 §9.3.2: the answer GET would give, without its body), which monitoring tools use. Found by a black-box
/// review: discovery and keys answered HEAD with 400 and <c>/health</c> with 405. The database plays no part, so one
/// provider.
/// </summary>
public sealed class HeadRequestTests(IdPFactory<Sqlite> factory) : IClassFixture<IdPFactory<Sqlite>>
{
    private const string Tenant = IdPFactory.Tenant;
    private const string Policy = IdPFactory.SignInPolicy;

    [Theory]
    [InlineData($"/{Tenant}/{Policy}/v2.0/.well-known/openid-configuration")]
    [InlineData($"/{Tenant}/v2.0/.well-known/openid-configuration?p={Policy}")]
    [InlineData($"/tfp/{Tenant}/{Policy}/v2.0/.well-known/openid-configuration")]
    [InlineData($"/{Tenant}/{Policy}/discovery/v2.0/keys")]
    [InlineData($"/{Tenant}/discovery/v2.0/keys?p={Policy}")]
    public async Task Head_on_a_protocol_document_answers_as_get_without_the_body(string path)
    {
        using var http = factory.CreateHttpClient();

        // HEAD before and after GET: the first runs OpenIddict, the others are answered from the node's document cache.
        using var first = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using var get = await http.GetAsync(path);
        var document = await get.Content.ReadAsByteArrayAsync();
        using var again = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        foreach (var head in new[] { first, again })
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(document.Length, head.Content.Headers.ContentLength);
            Assert.Equal(Headers(get), Headers(head));
        }
    }

    [Theory]
    [InlineData("/nosuchtenant/B2C_1_signin/v2.0/.well-known/openid-configuration")]
    [InlineData($"/{Tenant}/B2C_1_nosuchflow/discovery/v2.0/keys")]
    public async Task Head_on_the_document_of_an_unknown_tenant_or_flow_is_a_404_without_a_body(string path)
    {
        using var http = factory.CreateHttpClient();

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using var get = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Head_on_a_health_probe_answers_200_without_a_body(string path)
    {
        using var http = factory.CreateHttpClient();

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task A_health_probe_takes_only_GET_and_HEAD(string path)
    {
        using var http = factory.CreateHttpClient();

        using var post = await http.PostAsync(path, new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Head_on_authorize_is_a_405_that_names_the_methods_it_takes()
    {
        using var http = factory.CreateHttpClient();

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{Tenant}/{Policy}/oauth2/v2.0/authorize"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Equal(["GET", "POST"], head.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    // The answer's own headers (not those of the exchange), as GET and HEAD should share them.
    private static string[] Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Content-Length"))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Order(StringComparer.Ordinal)];
}
