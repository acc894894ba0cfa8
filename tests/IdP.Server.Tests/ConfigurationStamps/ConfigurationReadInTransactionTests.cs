using IdP.Core.Tenancy;

namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>
/// A request inside a database transaction reads configuration from the database and files nothing in the node's
/// caches: what it reads may be its own uncommitted write, and the stamp it sees may be rolled back and then taken by
/// the next committed change (the triggers add one), which would let that change's readers be served the rolled-back
/// rows.
/// </summary>
public abstract class ConfigurationReadInTransactionTests(IdPFactory factory)
{
    [Fact]
    public async Task A_configuration_read_inside_a_rolled_back_transaction_is_never_served_to_later_requests()
    {
        var original = await TenantNameAsync();
        var stampBefore = await StampAsync();

        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<IdPDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Tenants\" SET \"DisplayName\" = 'Rolled back'");

            // The transaction sees its own write.
            Assert.Equal("Rolled back", (await services.GetRequiredService<TenantService>().GetAsync(CancellationToken.None))!.DisplayName);
            await transaction.RollbackAsync();
        });

        // The next committed change takes the stamp the rolled-back one had.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Tenants\" SET \"DisplayName\" = 'Committed'"));
        Assert.Equal(stampBefore + 1, await StampAsync());

        Assert.Equal("Committed", await TenantNameAsync());
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Tenants\" SET \"DisplayName\" = {0}", original));
        Assert.Equal(original, await TenantNameAsync());
    }

    private Task<string> TenantNameAsync() =>
        factory.WithScopeAsync(async services => (await services.GetRequiredService<TenantService>().GetAsync(CancellationToken.None))!.DisplayName);

    private Task<long> StampAsync() => factory.WithDbAsync(db => db.ConfigurationStamps.Select(s => s.Version).SingleAsync());
}

public sealed class ConfigurationReadInTransactionTestsOnSqlite(IdPFactory<Sqlite> factory)
    : ConfigurationReadInTransactionTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ConfigurationReadInTransactionTestsOnPostgres(IdPFactory<Postgres> factory)
    : ConfigurationReadInTransactionTests(factory), IClassFixture<IdPFactory<Postgres>>;
