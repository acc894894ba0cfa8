namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>
/// Many grants at once on one node with its caches warm, and a configuration change in the middle: every grant is
/// answered (no exception from a shared or doubly tracked entity), each with the lifetime before or after the change,
/// and every grant that starts after the change has completed shows the new one.
/// </summary>
public abstract class ConfigurationCacheConcurrencyTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task Parallel_grants_around_a_change_are_all_answered_consistently()
    {
        var api = await factory.RegisterApiAsync();
        var daemon = await factory.RegisterApiClientAsync([api.Scope("tasks.read")], secret: "daemon-secret-" + Guid.NewGuid(), allowClientCredentials: true);
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var refreshToken = (await browser.SignInAndRedeemAsync(client, user))["refresh_token"]!;
        Assert.Equal(200, (await daemon.ClientCredentialsAsync(scope: api.Scope(".default"))).Status);
        var before = (await _admin.GetAsync($"user-flows/{IdPFactory.SignInPolicy}")).Expect(200).Json.GetProperty("accessAndIdTokenLifetimeMinutes").GetInt32();
        var after = before == 23 ? 29 : 23;

        // A refresh chain runs beside the grants: its application comes from the same caches.
        var chain = Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                var refreshed = await client.RefreshAsync(refreshToken);
                Assert.True(refreshed.Status == 200, $"Refresh {i} failed: {refreshed.Json}");
                refreshToken = refreshed["refresh_token"]!;
            }
        });
        var first = Enumerable.Range(0, 24).Select(_ => daemon.ClientCredentialsAsync(scope: api.Scope(".default"))).ToList();
        var change = _admin.PatchAsync($"user-flows/{IdPFactory.SignInPolicy}", new { accessAndIdTokenLifetimeMinutes = after });
        var second = Enumerable.Range(0, 24).Select(_ => daemon.ClientCredentialsAsync(scope: api.Scope(".default"))).ToList();
        (await change).Expect(200);
        var third = Enumerable.Range(0, 16).Select(_ => daemon.ClientCredentialsAsync(scope: api.Scope(".default"))).ToList();

        await chain;
        foreach (var answer in await Task.WhenAll(first.Concat(second)))
        {
            Assert.True(answer.Status == 200, $"Grant failed: {answer.Json}");
            Assert.True(Lasts(answer, before) || Lasts(answer, after), $"Neither lifetime: {answer.Json}");
        }

        foreach (var answer in await Task.WhenAll(third))
        {
            Assert.True(answer.Status == 200, $"Grant failed: {answer.Json}");
            Assert.True(Lasts(answer, after), $"Not the new lifetime: {answer.Json}");
        }
    }

    // expires_in counts from the response: a second or two may have passed since the token was made. The two
    // lifetimes tried are minutes apart.
    private static bool Lasts(TokenResponse answer, int minutes) =>
        answer.Json.GetProperty("expires_in").GetInt32() is var seconds && seconds <= minutes * 60 && seconds >= (minutes * 60) - 2;
}

public sealed class ConfigurationCacheConcurrencyTestsOnSqlite(AdminApiFactory<Sqlite> factory)
    : ConfigurationCacheConcurrencyTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class ConfigurationCacheConcurrencyTestsOnPostgres(AdminApiFactory<Postgres> factory)
    : ConfigurationCacheConcurrencyTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
