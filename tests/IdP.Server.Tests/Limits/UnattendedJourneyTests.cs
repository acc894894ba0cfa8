using IdP.Core.Limits;
using IdP.Server.Maintenance;

namespace IdP.Server.Tests.Limits;

/// <summary>
/// What an anonymous authorize request stores stays small in time: its journey lives 15 minutes until the user acts
/// (posts one of our forms), then the full hour; expired journeys nobody acted on are removed at once, and so are the
/// counters of ended limit windows.
/// </summary>
public abstract class UnattendedJourneyTests(IdPFactory factory)
{
    private static readonly TimeSpan Unattended = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_journey_nobody_acts_on_expires_after_fifteen_minutes_and_its_row_goes_at_once()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize());
        var journey = await factory.WithDbAsync(db => db.Journeys.SingleAsync(j => j.ClientId == client.ClientId));
        Assert.Equal(journey.CreatedAt + Unattended, journey.ExpiresAt);

        factory.Clock.Advance(Unattended + TimeSpan.FromSeconds(1));
        var expired = await browser.NavigateAsync(page.Page.Url.PathAndQuery);
        await RunHousekeepingAsync();

        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.False(await factory.WithDbAsync(db => db.Journeys.AnyAsync(j => j.Id == journey.Id)));
    }

    [Fact]
    public async Task A_journey_the_user_acted_on_lives_its_full_hour()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize());
        page = SignInPage.On(browser, await page.SignInAsync(user.Email, "Wrong-Password-1"));

        factory.Clock.Advance(TimeSpan.FromMinutes(50));
        await RunHousekeepingAsync();
        var app = (await page.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.NotNull(app["code"]);
    }

    [Fact]
    public async Task Counters_of_ended_windows_are_removed_by_housekeeping()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        await SignInPage.OpenAsync(browser, client.Authorize());
        Assert.True(await factory.WithDbAsync(db => db.RateLimitCounters.AnyAsync()));

        // Past the longest window any limit has by default (a day): every counter has ended.
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunHousekeepingAsync();

        Assert.False(await factory.WithDbAsync(db => db.RateLimitCounters.AnyAsync()));
    }

    private Task RunHousekeepingAsync() =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<Housekeeping>().RunOnceAsync(CancellationToken.None));
}

public sealed class UnattendedJourneyTestsOnSqlite(IdPFactory<Sqlite> factory) : UnattendedJourneyTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class UnattendedJourneyTestsOnPostgres(IdPFactory<Postgres> factory) : UnattendedJourneyTests(factory), IClassFixture<IdPFactory<Postgres>>;
