namespace IdP.Server.Tests.Protocol;

/// <summary>
/// A stolen refresh token raced against its owner: of several presentations at once, at most one succeeds, and the
/// family is revoked, so no token survives (not even the one the winner received).
/// </summary>
public abstract class RefreshTokenConcurrencyTests(IdPFactory factory)
{
    [Fact]
    public async Task Eight_simultaneous_presentations_of_one_refresh_token_give_at_most_one_success_and_kill_the_family()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        var refreshToken = tokens["refresh_token"]!;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.RefreshAsync(refreshToken))));

        var winners = results.Where(r => r.Status == 200).ToList();
        Assert.True(winners.Count <= 1, $"{winners.Count} of 8 presentations succeeded.");
        Assert.All(results.Where(r => r.Status != 200), r => Assert.Equal("invalid_grant", r.Error));
        foreach (var winner in winners)
        {
            var afterRace = await client.RefreshAsync(winner["refresh_token"]!);
            Assert.Equal("invalid_grant", afterRace.Error);
        }
    }
}

public sealed class RefreshTokenConcurrencyTestsOnSqlite(IdPFactory<Sqlite> factory) : RefreshTokenConcurrencyTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class RefreshTokenConcurrencyTestsOnPostgres(IdPFactory<Postgres> factory) : RefreshTokenConcurrencyTests(factory), IClassFixture<IdPFactory<Postgres>>;
