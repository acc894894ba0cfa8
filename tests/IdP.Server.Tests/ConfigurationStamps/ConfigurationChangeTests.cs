using IdP.Server.Tests.Cluster;

namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>Two nodes on one PostgreSQL: node a changes the configuration, node b's warm caches follow at once.</summary>
public sealed class ConfigurationChangeAcrossNodesTests(TwoNodes cluster) : ConfigurationChangeScenarios, IClassFixture<TwoNodes>
{
    private string? _adminToken;

    protected override async Task<(int Status, string Body)> AdminAsync(HttpMethod method, string path, object? body = null) =>
        await cluster.AdminAsync("a", _adminToken ??= await cluster.AdminTokenAsync("a"), method, path, body);

    protected override Task<TokenResponse> WarmNodeTokenAsync(Dictionary<string, string> form) => cluster.TokenAsync("b", form);
}

/// <summary>One node: the change and the next grant on the same server, on each provider.</summary>
public abstract class ConfigurationChangeOnOneNodeTests(IdPFactory factory) : ConfigurationChangeScenarios
{
    private readonly AdminApiClient _admin = new(factory);

    protected override async Task<(int Status, string Body)> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        var response = await _admin.SendAsync(method, path, body);
        return (response.Status, response.Body);
    }

    protected override async Task<TokenResponse> WarmNodeTokenAsync(Dictionary<string, string> form)
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.PostAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token", new FormUrlEncodedContent(form));
        return new TokenResponse((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

public sealed class ConfigurationChangeOnOneNodeTestsOnSqlite(AdminApiFactory<Sqlite> factory)
    : ConfigurationChangeOnOneNodeTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class ConfigurationChangeOnOneNodeTestsOnPostgres(AdminApiFactory<Postgres> factory)
    : ConfigurationChangeOnOneNodeTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
