namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>
/// The token endpoint's per-node caches never serve configuration older than the last change: a node's caches are
/// warmed with grants, then the configuration is changed through the admin API (on another node in the cluster
/// variant), and the very next grant on the warm node follows the change. No waiting: there is no time-to-live.
/// </summary>
public abstract class ConfigurationChangeScenarios
{
    /// <summary>An admin API call on the node that changes the configuration.</summary>
    protected abstract Task<(int Status, string Body)> AdminAsync(HttpMethod method, string path, object? body = null);

    /// <summary>A token request to the warm node's token endpoint (policy <see cref="IdPFactory.SignInPolicy"/>).</summary>
    protected abstract Task<TokenResponse> WarmNodeTokenAsync(Dictionary<string, string> form);

    [Fact]
    public async Task A_removed_client_secret_is_refused_by_the_warm_node_at_once()
    {
        var (daemon, appIdUri, secret) = await RegisterDaemonAsync();
        await WarmAsync(daemon, secret, appIdUri);

        var second = JsonDocument.Parse(Expect(201, await AdminAsync(HttpMethod.Post, $"applications/{daemon}/secrets", new { description = "rotation" }))).RootElement;
        var secondValue = second.GetProperty("value").GetString()!;
        Expect(204, await AdminAsync(HttpMethod.Delete, $"applications/{daemon}/secrets/{secret.Id}"));

        var refused = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        Assert.Equal(401, refused.Status);
        Assert.Equal("invalid_client", refused.Error);
        Assert.Equal(200, (await GrantAsync(daemon, secondValue, appIdUri + "/.default")).Status);
    }

    [Fact]
    public async Task A_removed_api_permission_is_refused_by_the_warm_node_at_once()
    {
        var (daemon, appIdUri, secret) = await RegisterDaemonAsync();
        await WarmAsync(daemon, secret, appIdUri);
        Assert.Equal(200, (await GrantAsync(daemon, secret.Value, appIdUri + "/tasks.read")).Status);

        Expect(200, await AdminAsync(HttpMethod.Put, $"applications/{daemon}", new { clientId = daemon, displayName = "Daemon", allowClientCredentials = true, apiPermissions = Array.Empty<string>() }));

        // OpenIddict's answer to a scope the client holds no permission on (as for a never-permitted scope).
        var refused = await GrantAsync(daemon, secret.Value, appIdUri + "/tasks.read");
        Assert.Equal(400, refused.Status);
        Assert.Equal("invalid_request", refused.Error);
        var defaults = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        Assert.False(defaults.Status == 200 && Scopes(defaults).Contains("tasks.read"), $"The removed permission was still granted: {defaults.Json}");
    }

    [Fact]
    public async Task A_removed_api_scope_is_no_longer_granted_by_the_warm_node()
    {
        var (daemon, appIdUri, secret) = await RegisterDaemonAsync();
        await WarmAsync(daemon, secret, appIdUri);

        // The API keeps its App ID URI but no longer defines tasks.read.
        Expect(200, await AdminAsync(HttpMethod.Put, $"applications/{ApiOf(appIdUri)}", new { clientId = ApiOf(appIdUri), displayName = "Tasks API", appIdUri, apiScopes = new[] { new { name = "tasks.write" } } }));

        var answer = await GrantAsync(daemon, secret.Value, appIdUri + "/tasks.read");
        Assert.NotEqual(200, answer.Status);
        var defaults = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        Assert.False(defaults.Status == 200 && Scopes(defaults).Contains("tasks.read"), $"The removed scope was still granted: {defaults.Json}");
    }

    [Fact]
    public async Task A_changed_token_lifetime_shows_in_the_warm_nodes_next_token()
    {
        var (daemon, appIdUri, secret) = await RegisterDaemonAsync();
        await WarmAsync(daemon, secret, appIdUri);
        var before = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        var minutes = before.Json.GetProperty("expires_in").GetInt32() == 17 * 60 ? 19 : 17;

        Expect(200, await AdminAsync(HttpMethod.Patch, $"user-flows/{IdPFactory.SignInPolicy}", new { accessAndIdTokenLifetimeMinutes = minutes }));

        var after = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        Assert.Equal(200, after.Status);
        // expires_in counts from the response (a second may have passed since the token's iat on a real clock); the
        // two lifetimes tried are two minutes apart.
        Assert.InRange(after.Json.GetProperty("expires_in").GetInt32(), (minutes * 60) - 2, minutes * 60);
        var token = new JsonWebToken(after["access_token"]);
        Assert.Equal(minutes * 60, (int)Math.Round((token.ValidTo - token.IssuedAt).TotalSeconds));
    }

    [Fact]
    public async Task A_deleted_application_is_refused_by_the_warm_node_at_once()
    {
        var (daemon, appIdUri, secret) = await RegisterDaemonAsync();
        await WarmAsync(daemon, secret, appIdUri);

        Expect(204, await AdminAsync(HttpMethod.Delete, $"applications/{daemon}"));

        var refused = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        Assert.Equal(401, refused.Status);
        Assert.Equal("invalid_client", refused.Error);
    }

    [Fact]
    public async Task A_switched_off_client_credentials_grant_is_refused_by_the_warm_node_at_once()
    {
        var (daemon, appIdUri, secret) = await RegisterDaemonAsync();
        await WarmAsync(daemon, secret, appIdUri);

        Expect(200, await AdminAsync(HttpMethod.Put, $"applications/{daemon}", new { clientId = daemon, displayName = "Daemon", allowClientCredentials = false, apiPermissions = new[] { appIdUri + "/tasks.read" } }));

        var refused = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
        Assert.NotEqual(200, refused.Status);
    }

    protected sealed record Secret(string Id, string Value);

    private static string ApiOf(string appIdUri) => appIdUri[(appIdUri.LastIndexOf('/') + 1)..];

    // The access token's scp names the API's scopes by their short names, as B2C's do.
    private static HashSet<string> Scopes(TokenResponse tokens) =>
        new JsonWebToken(tokens["access_token"]).GetPayloadValue<string>("scp").Split(' ').ToHashSet(StringComparer.Ordinal);

    private async Task<(string Daemon, string AppIdUri, Secret Secret)> RegisterDaemonAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var api = "api-" + suffix;
        var appIdUri = $"https://{IdPFactory.TenantDomain}/{api}";
        Expect(201, await AdminAsync(HttpMethod.Post, "applications", new { clientId = api, displayName = "Tasks API", appIdUri, apiScopes = new[] { new { name = "tasks.read" }, new { name = "tasks.write" } } }));
        var daemon = "daemon-" + suffix;
        Expect(201, await AdminAsync(HttpMethod.Post, "applications", new { clientId = daemon, displayName = "Daemon", allowClientCredentials = true, apiPermissions = new[] { appIdUri + "/tasks.read" } }));
        var created = JsonDocument.Parse(Expect(201, await AdminAsync(HttpMethod.Post, $"applications/{daemon}/secrets", new { description = "first" }))).RootElement;
        return (daemon, appIdUri, new Secret(created.GetProperty("secret").GetProperty("id").GetString()!, created.GetProperty("value").GetString()!));
    }

    // Two grants: the first fills the warm node's caches under the current stamp, the second is served from them.
    private async Task WarmAsync(string daemon, Secret secret, string appIdUri)
    {
        for (var i = 0; i < 2; i++)
        {
            var tokens = await GrantAsync(daemon, secret.Value, appIdUri + "/.default");
            Assert.True(tokens.Status == 200, $"Warm-up grant refused: {tokens.Json}");
            Assert.Contains("tasks.read", Scopes(tokens));
        }
    }

    private Task<TokenResponse> GrantAsync(string clientId, string secret, string scope) =>
        WarmNodeTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });

    private static string Expect(int status, (int Status, string Body) response)
    {
        Assert.True(response.Status == status, $"Expected {status}, got {response.Status}: {response.Body}");
        return response.Body;
    }
}
