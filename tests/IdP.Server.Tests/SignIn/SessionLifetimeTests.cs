using IdP.Core.UserFlows;
using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.Pages;

namespace IdP.Server.Tests.SignIn;

/// <summary>Each flow's web app session lifetime, rolling (renewed on use) or absolute (from sign-in).</summary>
public abstract class SessionLifetimeTests(IdPFactory factory)
{
    [Fact]
    public async Task A_rolling_session_lasts_as_long_as_it_is_used()
    {
        var (browser, client, policy) = await SignedInAsync(SessionTimeout.Rolling);
        using var _ = browser;

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterTen = await browser.NavigateAsync(client.Authorize(policy).Url);
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterTwenty = await browser.NavigateAsync(client.Authorize(policy).Url);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterSixteenIdle = await browser.NavigateAsync(client.Authorize(policy).Url);

        Assert.NotNull(afterTen.ToApp()["code"]);
        Assert.NotNull(afterTwenty.ToApp()["code"]);
        SignInPage.On(browser, afterSixteenIdle);
    }

    [Fact]
    public async Task An_absolute_session_ends_at_its_lifetime_even_when_used()
    {
        var (browser, client, policy) = await SignedInAsync(SessionTimeout.Absolute);
        using var _ = browser;

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterTen = await browser.NavigateAsync(client.Authorize(policy).Url);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var afterSixteen = await browser.NavigateAsync(client.Authorize(policy).Url);

        Assert.NotNull(afterTen.ToApp()["code"]);
        SignInPage.On(browser, afterSixteen);
    }

    private async Task<(Browser Browser, OidcClient Client, string Policy)> SignedInAsync(SessionTimeout timeout)
    {
        var policy = "B2C_1_session" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SessionLifetimeMinutes = 15, SessionTimeout = timeout });
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var browser = factory.CreateBrowser();
        await browser.SignInAndRedeemAsync(client, user, client.Authorize(policy));
        return (browser, client, policy);
    }
}

public sealed class SessionLifetimeTestsOnSqlite(IdPFactory<Sqlite> factory) : SessionLifetimeTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class SessionLifetimeTestsOnPostgres(IdPFactory<Postgres> factory) : SessionLifetimeTests(factory), IClassFixture<IdPFactory<Postgres>>;
