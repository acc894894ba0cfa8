using IdP.Server.Keys;

namespace IdP.Server.Tests.Keys;

/// <summary>
/// Token keys live in the database: a successor is published in JWKS before it signs, tokens protected by the old key
/// keep working after the switch, and another server on the same database (a restart, a second node) uses the same keys.
/// </summary>
public abstract class KeyRotationTests(IdPFactory factory)
{
    /// <summary>Shorter than the ID token lifetime, so a token signed before the switch is still valid after it.</summary>
    public static readonly TimeSpan PublishAhead = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task A_successor_key_is_published_before_it_signs_and_old_tokens_keep_working_after_the_switch()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var before = await browser.SignInAndRedeemAsync(client, user);
        var oldKid = new JsonWebToken(before["id_token"]!).Kid;
        var ring = factory.Services.GetRequiredService<KeyRing>();

        await ring.RotateNowAsync(KeyUse.Signing, CancellationToken.None);
        await ring.RotateNowAsync(KeyUse.Encryption, CancellationToken.None);
        var publishedKids = await KidsAsync(factory);
        var successorKid = Assert.Single(publishedKids, kid => kid != oldKid);
        var stillOld = await browser.SignInAndRedeemAsync(client, user, client.Authorize() with { Prompt = "login" });

        factory.Clock.Advance(PublishAhead + TimeSpan.FromMinutes(1));
        var afterSwitch = await browser.SignInAndRedeemAsync(client, user, client.Authorize() with { Prompt = "login" });
        var oldRefreshed = await client.RefreshAsync(before["refresh_token"]!);

        Assert.Contains(oldKid, publishedKids);
        Assert.Equal(oldKid, new JsonWebToken(stillOld["id_token"]!).Kid);
        Assert.Equal(successorKid, new JsonWebToken(afterSwitch["id_token"]!).Kid);
        await client.ValidateIdTokenAsync(afterSwitch["id_token"]!);
        await client.ValidateIdTokenAsync(stillOld["id_token"]!);
        Assert.Contains(oldKid, await KidsAsync(factory));
        Assert.Equal(200, oldRefreshed.Status);
        Assert.Equal(successorKid, new JsonWebToken(oldRefreshed["id_token"]!).Kid);
    }

    [Fact]
    public async Task Another_server_on_the_same_database_publishes_the_same_keys_and_accepts_the_tokens()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        var kids = await KidsAsync(factory);

        await using var restarted = factory.OnSameDatabase();
        await restarted.InitializeAsync();
        var restartedClient = new OidcClient(restarted, client.ClientId, client.RedirectUri);

        Assert.Equal(kids.Order(StringComparer.Ordinal), (await KidsAsync(restarted)).Order(StringComparer.Ordinal));
        await restartedClient.ValidateIdTokenAsync(tokens["id_token"]!);
        var refreshed = await restartedClient.RefreshAsync(tokens["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.Equal(new JsonWebToken(tokens["id_token"]!).Kid, new JsonWebToken(refreshed["id_token"]!).Kid);
    }

    private static async Task<List<string>> KidsAsync(IdPFactory server)
    {
        using var http = server.CreateHttpClient();
        var jwks = await http.GetFromJsonAsync<JsonElement>($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/discovery/v2.0/keys");
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}

/// <summary>A server that publishes a successor key <see cref="KeyRotationTests.PublishAhead"/> before it signs.</summary>
public sealed class KeyRotationFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public KeyRotationFactory()
    {
        With("IdP:Keys:PublishAhead", KeyRotationTests.PublishAhead.ToString());
        AdminApiClient.Configure(this);
    }
}

/// <summary>Our own APIs (the admin API) validate with the same key ring as the token endpoint signs with.</summary>
public abstract class OwnApiKeyRotationTests(IdPFactory factory)
{
    [Fact]
    public async Task Our_own_apis_accept_access_tokens_signed_by_the_successor_key()
    {
        var admin = new AdminApiClient(factory);
        var before = await admin.NewTokenAsync();
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, "users", token: before)).Status);

        await factory.Services.GetRequiredService<KeyRing>().RotateNowAsync(KeyUse.Signing, CancellationToken.None);
        factory.Clock.Advance(KeyRotationTests.PublishAhead + TimeSpan.FromMinutes(1));
        var after = await admin.NewTokenAsync();

        Assert.NotEqual(new JsonWebToken(before).Kid, new JsonWebToken(after).Kid);
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, "users", token: after)).Status);
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, "users", token: before)).Status);
    }
}

public sealed class OwnApiKeyRotationTestsOnSqlite(KeyRotationFactory<Sqlite> factory) : OwnApiKeyRotationTests(factory), IClassFixture<KeyRotationFactory<Sqlite>>;

public sealed class OwnApiKeyRotationTestsOnPostgres(KeyRotationFactory<Postgres> factory) : OwnApiKeyRotationTests(factory), IClassFixture<KeyRotationFactory<Postgres>>;

public sealed class KeyRotationTestsOnSqlite(KeyRotationFactory<Sqlite> factory) : KeyRotationTests(factory), IClassFixture<KeyRotationFactory<Sqlite>>;

public sealed class KeyRotationTestsOnPostgres(KeyRotationFactory<Postgres> factory) : KeyRotationTests(factory), IClassFixture<KeyRotationFactory<Postgres>>;
