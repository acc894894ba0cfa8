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

    [Fact]
    public async Task A_bounded_sliding_window_ends_refreshing_however_often_the_token_is_used()
    {
        var policy = await CreateFlowAsync(f =>
        {
            f.RefreshTokenLifetimeDays = 2;
            f.RefreshTokenSlidingWindow = RefreshTokenSlidingWindow.Bounded;
            f.RefreshTokenSlidingWindowDays = 3;
        });
        var (client, tokens) = await SignInAsync(policy);

        factory.Clock.Advance(TimeSpan.FromDays(1.5));
        var first = await client.RefreshAsync(tokens["refresh_token"]!, policy);
        factory.Clock.Advance(TimeSpan.FromDays(1.4));
        var second = await client.RefreshAsync(first["refresh_token"]!, policy);
        factory.Clock.Advance(TimeSpan.FromDays(0.2));
        var pastTheWindow = await client.RefreshAsync(second["refresh_token"]!, policy);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal("invalid_grant", pastTheWindow.Error);
    }

    [Fact]
    public async Task An_unbounded_sliding_window_keeps_refreshing_while_the_token_is_used()
    {
        var policy = await CreateFlowAsync(f =>
        {
            f.RefreshTokenLifetimeDays = 2;
            f.RefreshTokenSlidingWindow = RefreshTokenSlidingWindow.Unbounded;
            f.RefreshTokenSlidingWindowDays = 2; // Ignored when unbounded: a bounded flow would stop after 2 days.
        });
        var (client, tokens) = await SignInAsync(policy);
        var refreshToken = tokens["refresh_token"]!;

        for (var i = 0; i < 4; i++)
        {
            factory.Clock.Advance(TimeSpan.FromDays(1.5));
            var refreshed = await client.RefreshAsync(refreshToken, policy);
            Assert.Equal(200, refreshed.Status);
            refreshToken = refreshed["refresh_token"]!;
        }
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
