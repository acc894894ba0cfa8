namespace IdP.Server.Tests.Admin;

/// <summary>
/// What a script calling the admin API does: gets an access token from the token endpoint with the bootstrap client's
/// credentials (client credentials, scope idp.admin), then sends JSON with it as a bearer token.
/// </summary>
public sealed class AdminApiClient(IdPFactory factory)
{
    public const string ClientId = "admin-api-tests";
    public const string Secret = "admin-api-tests-secret-0123456789";

    private string? _token;

    /// <summary>The Accept-Language header every request sends (none when null).</summary>
    public string? AcceptLanguage { get; init; }

    /// <summary>Configures the bootstrap client on a server before it starts.</summary>
    public static void Configure(IdPFactory factory) => factory
        .With("IdP:Admin:ClientId", ClientId)
        .With("IdP:Admin:ClientSecret", Secret);

    /// <summary>A fresh access token from the token endpoint.</summary>
    public async Task<string> NewTokenAsync(string clientId = ClientId, string secret = Secret, string scope = ServerApi.AdminScope)
    {
        var tokens = await new OidcClient(factory, clientId, "https://unused.test") { ClientSecret = secret }.ClientCredentialsAsync(scope: scope);
        Assert.True(tokens.Status == 200, $"No token: {tokens.Error} {tokens.ErrorDescription}");
        return tokens["access_token"]!;
    }

    /// <summary>The token this client sends (fetched once).</summary>
    public async Task<string> TokenAsync() => _token ??= await NewTokenAsync();

    /// <summary>Forgets the token, so the next request fetches a new one (after the clock moved, say).</summary>
    public void ForgetToken() => _token = null;

    public Task<AdminResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<AdminResponse> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<AdminResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<AdminResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<AdminResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Sends a request; a string body is sent as it is (raw JSON), anything else serialised.</summary>
    public async Task<AdminResponse> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, string contentType = "application/json")
    {
        using var client = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(method, "/admin/api/" + path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await TokenAsync());
        if (AcceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(AcceptLanguage);
        }

        request.Content = body switch
        {
            null => null,
            string raw => new StringContent(raw, Encoding.UTF8, contentType),
            _ => JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        };
        using var response = await client.SendAsync(request);
        return await AdminResponse.ReadAsync(response);
    }
}

/// <summary>An admin API answer: status, media type, headers and the JSON body (if any).</summary>
public sealed record AdminResponse(int Status, string? MediaType, string Body, HttpResponseHeaders Headers)
{
    public static async Task<AdminResponse> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new AdminResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>A string property of the body.</summary>
    public string? this[string property] => Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString();

    /// <summary>The messages a validation problem gives for <paramref name="field"/>.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : [];

    /// <summary>Asserts the status, with the body in the message when it differs.</summary>
    public AdminResponse Expect(int status)
    {
        Assert.True(Status == status, $"Expected {status}, got {Status} ({MediaType}): {Body}");
        return this;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>.</summary>
    public IReadOnlyList<string> ExpectInvalid(string field)
    {
        Expect(400);
        Assert.Equal("application/problem+json", MediaType);
        var messages = ErrorsFor(field);
        Assert.True(messages.Count > 0, $"Expected an error for '{field}': {Body}");
        return messages;
    }
}

/// <summary>The server with the admin API's bootstrap client configured.</summary>
public sealed class AdminApiFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public AdminApiFactory() => AdminApiClient.Configure(this);
}
