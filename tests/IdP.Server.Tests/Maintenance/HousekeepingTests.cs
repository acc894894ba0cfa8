using IdP.Server.Maintenance;

namespace IdP.Server.Tests.Maintenance;

/// <summary>Expired rows go away; live ones stay.</summary>
public abstract class HousekeepingTests(IdPFactory factory)
{
    [Fact]
    public async Task Expired_journeys_and_idle_sign_in_counters_are_removed_while_current_ones_stay()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var old = await SignInPage.OpenAsync(browser, client.Authorize());
        await old.SignInAsync($"{Guid.NewGuid():N}@example.com", "wrong password");
        var oldJourney = await factory.WithDbAsync(db => db.Journeys.OrderByDescending(j => j.CreatedAt).Select(j => j.Id).FirstAsync());

        factory.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(2));
        await SignInPage.OpenAsync(browser, client.Authorize());
        var liveJourney = await factory.WithDbAsync(db => db.Journeys.OrderByDescending(j => j.CreatedAt).Select(j => j.Id).FirstAsync());

        // Moving the clock also fires the background worker's timer, which may have done this pass already.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Housekeeping>().RunOnceAsync(CancellationToken.None));

        Assert.False(await factory.WithDbAsync(db => db.Journeys.AnyAsync(j => j.Id == oldJourney)));
        Assert.True(await factory.WithDbAsync(db => db.Journeys.AnyAsync(j => j.Id == liveJourney)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SignInThrottles.CountAsync()));
    }

    [Fact]
    public async Task Emails_dropped_unsent_are_removed_a_day_later()
    {
        var decoy = await factory.QueueMailAsync($"{Guid.NewGuid():N}@example.com", decoy: true);
        await factory.WaitForOutboxRowAsync(decoy, m => m.DroppedAt is not null);

        await factory.WithScopeAsync(sp => sp.GetRequiredService<Housekeeping>().RunOnceAsync(CancellationToken.None));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == decoy)));

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Housekeeping>().RunOnceAsync(CancellationToken.None));
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == decoy)));
    }
}

public sealed class HousekeepingTestsOnSqlite(IdPFactory<Sqlite> factory) : HousekeepingTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class HousekeepingTestsOnPostgres(IdPFactory<Postgres> factory) : HousekeepingTests(factory), IClassFixture<IdPFactory<Postgres>>;
