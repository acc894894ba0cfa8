namespace IdP.Server.Tests.Cluster;

/// <summary>
/// Two server processes (the built server, as operators run it) on one PostgreSQL database behind a YARP proxy, with
/// one SMTP server: the production topology of several stateless nodes. Settings are those the docker-compose
/// 'cluster' profile gives its nodes (forwarded headers from the proxy, no HTTPS at the node).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string ClientId = "cluster-app";
    public const string ClientSecret = "cluster-app-secret-0123456789abcdef";
    public const string RedirectUri = "https://app.test/callback";
    public const string AdminClientId = "cluster-admin";
    public const string AdminSecret = "cluster-admin-secret-0123456789";
    public const int MaxFailedAttempts = 3;

    /// <summary>Sign-in posts one client address may make in the window, across both nodes (per network: twice that).</summary>
    public const int SignInAttemptsPerAddress = 4;

    /// <summary>Reset codes one client address may have sent in the window, across both nodes.</summary>
    public const int ResetCodeSendsPerAddress = 3;

    private readonly Postgres _database = new();

    public TestSmtpServer Smtp { get; } = new();

    public ServerNode A { get; private set; } = null!;

    public ServerNode B { get; private set; } = null!;

    public TestProxy Proxy { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        ConnectionString = await _database.CreateAsync();
        var settings = Settings(ConnectionString, Smtp.Port);
        A = new ServerNode("a", settings);
        B = new ServerNode("b", settings);
        // One after the other: the first applies the migrations and creates the keys, the second finds them.
        await A.StartAsync();
        await B.StartAsync();
        Proxy = new TestProxy([A, B]);
        await Proxy.StartAsync();
    }

    /// <summary>What every node is given (as environment variables).</summary>
    public static Dictionary<string, string> Settings(string connectionString, int smtpPort) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings:IdP"] = connectionString,
        ["IdP:Database:Provider"] = "PostgreSQL",
        ["IdP:Server:RequireHttps"] = "false",
        ["IdP:Server:TrustForwardedHeaders"] = "true",
        ["IdP:Server:KnownProxies:0"] = "127.0.0.1",
        ["AllowedHosts"] = "127.0.0.1",
        ["IdP:Tenant:Name"] = IdPFactory.Tenant,
        ["IdP:Tenant:Domain"] = IdPFactory.TenantDomain,
        ["IdP:PasswordReset:Mode"] = "All",
        ["IdP:SignIn:MaxFailedAttempts"] = MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdP:Limits:SignInAttempts:PerAddress"] = SignInAttemptsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdP:Limits:SignInAttempts:PerNetwork"] = (2 * SignInAttemptsPerAddress).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdP:Limits:ResetCodeSends:PerAddress"] = ResetCodeSendsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdP:Limits:ResetCodeSends:PerNetwork"] = (2 * ResetCodeSendsPerAddress).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdP:Keys:RefreshInterval"] = "00:00:01",
        ["IdP:Email:Smtp:Host"] = "127.0.0.1",
        ["IdP:Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdP:Email:Smtp:Security"] = "None",
        ["IdP:Email:Smtp:TimeoutSeconds"] = "5",
        ["IdP:Email:FromAddress"] = "no-reply@contoso.test",
        ["IdP:Admin:ClientId"] = AdminClientId,
        ["IdP:Admin:ClientSecret"] = AdminSecret,
        ["IdP:Applications:0:ClientId"] = ClientId,
        ["IdP:Applications:0:RedirectUris:0"] = RedirectUri,
        ["IdP:Applications:0:ClientSecrets:0:Value"] = ClientSecret,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>A client of the proxy whose requests go to <paramref name="node"/> (or any node when null).</summary>
    public HttpClient Client(string? node) => new(new NodeChoice { Node = node }) { BaseAddress = Proxy.Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A browser on the proxy; its <see cref="NodeChoice"/> says which node serves the next request.</summary>
    public (Browser Browser, NodeChoice Choice) Browser()
    {
        var choice = new NodeChoice();
        return (Infrastructure.Browser.OverNetwork(choice, Proxy.Address), choice);
    }

    /// <summary>A token request to <paramref name="node"/>'s token endpoint.</summary>
    public async Task<TokenResponse> TokenAsync(string node, Dictionary<string, string> form)
    {
        using var client = Client(node);
        using var response = await client.PostAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token", new FormUrlEncodedContent(form));
        return new TokenResponse((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>An admin API access token from <paramref name="node"/>.</summary>
    public async Task<string> AdminTokenAsync(string node)
    {
        var tokens = await TokenAsync(node, new() { ["grant_type"] = "client_credentials", ["client_id"] = AdminClientId, ["client_secret"] = AdminSecret, ["scope"] = IdP.Core.Applications.ServerApi.AdminScope });
        return tokens["access_token"] ?? throw new InvalidOperationException($"No admin token: {tokens.Json}");
    }

    /// <summary>An admin API call to <paramref name="node"/> with <paramref name="token"/>.</summary>
    public async Task<(int Status, string Body)> AdminAsync(string node, string token, HttpMethod method, string path, object? body = null)
    {
        using var client = Client(node);
        using var request = new HttpRequestMessage(method, "/admin/api/" + path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates an account through node a's admin API; returns its sign-in email.</summary>
    public async Task<string> CreateUserAsync(string password)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var (status, body) = await AdminAsync("a", await AdminTokenAsync("a"), HttpMethod.Post, "users", new { signInEmail = email, password, displayName = "Node User" });
        Assert.True(status == 201, $"User not created ({status}): {body}");
        return email;
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Smtp.DisposeAsync();
        await _database.DisposeAsync();
    }
}
