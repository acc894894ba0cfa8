namespace IdP.Server.Tests.Protocol;

/// <summary>Each flow's token lifetimes: access and ID tokens, refresh tokens, and the refresh sliding window.</summary>
public abstract class TokenLifetimeTests(IdPFactory factory)
{
    [Fact]
    public async Task Id_and_access_tokens_live_as_long_as_the_flow_says()
    {
        var policy = await CreateFlowAsync(f => f.AccessAndIdTokenLifetimeMinutes = 5);
        var (client, tokens) = await SignInAsync(policy);

        var idToken = new JsonWebToken(tokens["id_token"]!);
        var accessToken = new JsonWebToken(tokens["access_token"]!);

        Assert.Equal(300, (idToken.ValidTo - idToken.IssuedAt).TotalSeconds);
        Assert.Equal(300, (accessToken.ValidTo - accessToken.IssuedAt).TotalSeconds);
        Assert.InRange(tokens.Json.GetProperty("expires_in").GetInt32(), 295, 300);
        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!, policy);
        var refreshedIdToken = new JsonWebToken(refreshed["id_token"]!);
        Assert.Equal(300, (refreshedIdToken.ValidTo - refreshedIdToken.IssuedAt).TotalSeconds);
    }

    [Fact]
    public async Task A_refresh_token_expires_after_the_flows_refresh_token_lifetime()
    {
        var policy = await CreateFlowAsync(f => f.RefreshTokenLifetimeDays = 1);
        var (client, tokens) = await SignInAsync(policy);
        var (_, other) = await SignInAsync(policy);

        factory.Clock.Advance(TimeSpan.FromHours(23));
        var beforeExpiry = await client.RefreshAsync(tokens["refresh_token"]!, policy);
        factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var afterExpiry = await client.RefreshAsync(other["refresh_token"]!, policy);

        Assert.Equal(200, beforeExpiry.Status);
        Assert.Equal("invalid_grant", afterExpiry.Error);
    }

    // Each row signs in on a flow whose refresh tokens live 2 days, then refreshes after each pause (in days) with the
    // refresh token the previous refresh returned: every refresh comes within the token's lifetime, so only the
    // sliding window can end them.
    [Theory]
    // Bounded: 3 days after sign-in the window ends refreshing, however often the token was used.
    [InlineData(RefreshTokenSlidingWindow.Bounded, 3, new[] { 1.5, 1.4, 0.2 }, new[] { "refreshed", "refreshed", "invalid_grant" })]
    // Unbounded: the window's days are ignored (a bounded window of 2 days would stop at the second refresh).
    [InlineData(RefreshTokenSlidingWindow.Unbounded, 2, new[] { 1.5, 1.5, 1.5, 1.5 }, new[] { "refreshed", "refreshed", "refreshed", "refreshed" })]
    public async Task The_sliding_window_decides_how_long_a_token_in_use_keeps_refreshing(
        RefreshTokenSlidingWindow window, int windowDays, double[] pauses, string[] expected)
    {
        var policy = await CreateFlowAsync(f =>
        {
            f.RefreshTokenLifetimeDays = 2;
            f.RefreshTokenSlidingWindow = window;
            f.RefreshTokenSlidingWindowDays = windowDays;
        });
        var (client, tokens) = await SignInAsync(policy);
        var refreshToken = tokens["refresh_token"]!;

        var answers = new List<string?>();
        foreach (var pause in pauses)
        {
            factory.Clock.Advance(TimeSpan.FromDays(pause));
            var refreshed = await client.RefreshAsync(refreshToken, policy);
            answers.Add(refreshed.Status == 200 ? "refreshed" : refreshed.Error);
            refreshToken = refreshed["refresh_token"] ?? refreshToken;
        }

        Assert.Equal(expected, answers);
    }

    private async Task<string> CreateFlowAsync(Action<UserFlow> configure)
    {
        var flow = new UserFlow { Name = "B2C_1_life" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" };
        configure(flow);
        return (await factory.CreateFlowAsync(flow)).Name;
    }

    private async Task<(OidcClient Client, TokenResponse Tokens)> SignInAsync(string policy)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        return (client, await browser.SignInAndRedeemAsync(client, user, client.Authorize(policy)));
    }
}

public sealed class TokenLifetimeTestsOnSqlite(IdPFactory<Sqlite> factory) : TokenLifetimeTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TokenLifetimeTestsOnPostgres(IdPFactory<Postgres> factory) : TokenLifetimeTests(factory), IClassFixture<IdPFactory<Postgres>>;
