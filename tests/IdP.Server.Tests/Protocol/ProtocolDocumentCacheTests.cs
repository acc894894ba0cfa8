using IdP.Server.Keys;
using IdP.Server.Protocol;

namespace IdP.Server.Tests.Protocol;

/// <summary>
/// Discovery and JWKS come from memory once built (ProtocolDocumentCache), and never outlive what they are built from:
/// a change saved on this node or a new key set shows in the next answer, another node's change within the cache's
/// lifetime.
/// </summary>
public abstract class ProtocolDocumentCacheTests(DocumentCacheFactory factory)
{
    [Fact]
    public async Task A_document_asked_for_again_is_the_same_and_reads_nothing_from_the_database()
    {
        var name = (await factory.CreateFlowAsync(new UserFlow { Name = "B2C_1_cache" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" })).Name;
        using var http = factory.CreateHttpClient();
        foreach (var url in new[] { $"/{IdPFactory.Tenant}/{name}/v2.0/.well-known/openid-configuration", $"/{IdPFactory.Tenant}/{name}/discovery/v2.0/keys" })
        {
            using var first = await http.GetAsync(new Uri(url, UriKind.Relative));
            var built = factory.CommandsFor(url);
            using var second = await http.GetAsync(new Uri(url, UriKind.Relative));

            Assert.True(built > 0, "the first answer is built from the database");
            Assert.Equal(built, factory.CommandsFor(url));
            Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
            Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
            Assert.Equal(first.Headers.CacheControl, second.Headers.CacheControl);
        }
    }

    [Fact]
    public async Task A_flow_change_saved_on_this_node_is_in_the_next_document()
    {
        var name = (await factory.CreateFlowAsync(new UserFlow { Name = "B2C_1_cache" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" })).Name;
        using var http = factory.CreateHttpClient();
        var url = $"/{IdPFactory.Tenant}/{name}/v2.0/.well-known/openid-configuration";
        Assert.DoesNotContain("/tfp/", await http.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        await factory.UpdateFlowAsync(name, f => f.IssuerFormat = IssuerFormat.PolicyIssuer);

        Assert.Contains("/tfp/", await http.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_set_is_in_the_next_jwks_at_once()
    {
        using var http = factory.CreateHttpClient();
        var url = new Uri($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/discovery/v2.0/keys", UriKind.Relative);
        var before = Kids(await http.GetFromJsonAsync<JsonElement>(url));

        await factory.Services.GetRequiredService<KeyRing>().RotateNowAsync(KeyUse.Signing, CancellationToken.None);

        var after = Kids(await http.GetFromJsonAsync<JsonElement>(url));
        Assert.Single(after.Except(before));
    }

    [Fact]
    public async Task A_flow_change_saved_by_another_node_shows_here_within_the_cache_lifetime()
    {
        var name = (await factory.CreateFlowAsync(new UserFlow { Name = "B2C_1_cache" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" })).Name;
        using var http = factory.CreateHttpClient();
        var url = new Uri($"/{IdPFactory.Tenant}/{name}/v2.0/.well-known/openid-configuration", UriKind.Relative);
        Assert.DoesNotContain("/tfp/", await http.GetStringAsync(url), StringComparison.Ordinal);

        await using (var other = factory.OnSameDatabase())
        {
            await other.InitializeAsync();
            await other.UpdateFlowAsync(name, f => f.IssuerFormat = IssuerFormat.PolicyIssuer);
        }

        factory.Clock.Advance(ProtocolDocumentCache.TimeToLive + TimeSpan.FromSeconds(1));
        Assert.Contains("/tfp/", await http.GetStringAsync(url), StringComparison.Ordinal);
    }

    private static List<string> Kids(JsonElement jwks) => [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
}

/// <summary>The server with a record of the database commands run while answering each request.</summary>
public abstract class DocumentCacheFactory(ITestDatabase database) : IdPFactory(database)
{
    private readonly RequestSqlRecorder _sql = new() { RecordEveryRequest = true };

    /// <summary>How many commands the requests for <paramref name="pathAndQuery"/> have run so far.</summary>
    public int CommandsFor(string pathAndQuery) => _sql.Requests().Where(r => r.Path == pathAndQuery).Sum(r => r.Commands.Count);

    public override Task InitializeAsync()
    {
        Attach(_sql);
        return base.InitializeAsync();
    }
}

public sealed class DocumentCacheFactory<TDatabase>() : DocumentCacheFactory(new TDatabase())
    where TDatabase : ITestDatabase, new();

public sealed class ProtocolDocumentCacheTestsOnSqlite(DocumentCacheFactory<Sqlite> factory) : ProtocolDocumentCacheTests(factory), IClassFixture<DocumentCacheFactory<Sqlite>>;

public sealed class ProtocolDocumentCacheTestsOnPostgres(DocumentCacheFactory<Postgres> factory) : ProtocolDocumentCacheTests(factory), IClassFixture<DocumentCacheFactory<Postgres>>;
