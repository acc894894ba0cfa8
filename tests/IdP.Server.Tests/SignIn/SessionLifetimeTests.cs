namespace IdP.Server.Tests.SignIn;

/// <summary>Each flow's web app session lifetime, rolling (renewed on use) or absolute (from sign-in).</summary>
public abstract class SessionLifetimeTests(IdPFactory factory)
{
    [Fact]
    public async Task A_rolling_session_lasts_as_long_as_it_is_used()
    {
        using var session = await SignedInAsync(SessionTimeout.Rolling);

        var afterTen = await session.ReturnAfterAsync(TimeSpan.FromMinutes(10));
        var afterTwenty = await session.ReturnAfterAsync(TimeSpan.FromMinutes(10));
        var afterSixteenIdle = await session.ReturnAfterAsync(TimeSpan.FromMinutes(16));

        Assert.NotNull(afterTen.ToApp()["code"]);
        Assert.NotNull(afterTwenty.ToApp()["code"]);
        SignInPage.On(session.Browser, afterSixteenIdle);
    }

    [Fact]
    public async Task An_absolute_session_ends_at_its_lifetime_even_when_used()
    {
        using var session = await SignedInAsync(SessionTimeout.Absolute);

        var afterTen = await session.ReturnAfterAsync(TimeSpan.FromMinutes(10));
        var afterSixteen = await session.ReturnAfterAsync(TimeSpan.FromMinutes(6));

        Assert.NotNull(afterTen.ToApp()["code"]);
        SignInPage.On(session.Browser, afterSixteen);
    }

    /// <summary>A browser signed in to an app on a new flow with a 15-minute session of the given kind.</summary>
    private async Task<Session> SignedInAsync(SessionTimeout timeout)
    {
        var policy = "B2C_1_session" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SessionLifetimeMinutes = 15, SessionTimeout = timeout });
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var browser = factory.CreateBrowser();
        await browser.SignInAndRedeemAsync(client, user, client.Authorize(policy));
        return new Session(factory, browser, client, policy);
    }

    private sealed record Session(IdPFactory Server, Browser Browser, OidcClient Client, string Policy) : IDisposable
    {
        /// <summary>The app asks for a sign-in again after <paramref name="idle"/>: where the browser ends.</summary>
        public Task<Navigation> ReturnAfterAsync(TimeSpan idle)
        {
            Server.Clock.Advance(idle);
            return Browser.NavigateAsync(Client.Authorize(Policy).Url);
        }

        public void Dispose() => Browser.Dispose();
    }
}

public sealed class SessionLifetimeTestsOnSqlite(IdPFactory<Sqlite> factory) : SessionLifetimeTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class SessionLifetimeTestsOnPostgres(IdPFactory<Postgres> factory) : SessionLifetimeTests(factory), IClassFixture<IdPFactory<Postgres>>;
