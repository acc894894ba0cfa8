namespace IdP.Server.Tests.Hosting;

/// <summary>Liveness and readiness for orchestrators and load balancers.</summary>
public abstract class HealthTests(IdPFactory factory)
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_when_the_database_is_migrated()
    {
        using var client = factory.CreateHttpClient();

        using var live = await client.GetAsync("/healthz/live");
        using var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Mail_stuck_past_its_due_time_makes_ready_degraded_not_unready()
    {
        // A message a node took and never finished: held by its lock, an hour past due (no worker will touch it now).
        await factory.QueueStuckMailAsync($"{Guid.NewGuid():N}@example.com", overdue: TimeSpan.FromHours(1));
        using var client = factory.CreateHttpClient();

        using var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", json.RootElement.GetProperty("checks").GetProperty("outbox").GetProperty("status").GetString());
    }
}

public sealed class HealthTestsOnSqlite(IdPFactory<Sqlite> factory) : HealthTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class HealthTestsOnPostgres(IdPFactory<Postgres> factory) : HealthTests(factory), IClassFixture<IdPFactory<Postgres>>;
