using IdP.Core.Branding;
using IdP.Core.Data;
using IdP.Core.Limits;
using IdP.Core.Tenancy;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>
/// The configuration stamp's triggers: every insert, update and delete of every table on
/// <see cref="ConfigurationTables.Stamped"/> moves the stamp, whatever wrote it (EF Core's SaveChanges for the insert,
/// raw SQL for the update, ExecuteDelete for the delete), and writes to the high-churn tables (tokens, authorizations,
/// accounts, counters) do not. Every table of the model is on one of the two lists, so a new table needs a decision.
/// </summary>
public abstract class ConfigurationStampTriggerTests(IdPFactory factory)
{
    [Fact]
    public async Task Every_table_of_the_model_is_on_exactly_one_of_the_two_lists()
    {
        var tables = await factory.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList()));

        Assert.Empty(tables.Except(ConfigurationTables.Stamped).Except(ConfigurationTables.NotStamped));
        Assert.Empty(ConfigurationTables.Stamped.Intersect(ConfigurationTables.NotStamped));
        Assert.Empty(ConfigurationTables.Stamped.Except(tables));
    }

    [Fact]
    public async Task Every_write_to_every_configuration_table_moves_the_stamp()
    {
        var tenantId = await factory.TenantIdAsync();
        var cases = Cases(tenantId);

        // The list here and the list the server keeps are the same tables.
        Assert.Equal(ConfigurationTables.Stamped.Order(), cases.Select(c => c.Table).Order());

        foreach (var (table, insert, delete) in cases)
        {
            var before = await StampAsync();
            await factory.WithDbAsync(async db =>
            {
                await insert(db);
                return await db.SaveChangesAsync();
            });
            var inserted = await StampAsync();
            Assert.True(inserted > before, $"An insert into {table} did not move the stamp.");

            // Raw SQL, as an operator's script would: every row of the table, at least the one just inserted.
            var column = await factory.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().First(e => e.GetTableName() == table).FindPrimaryKey()!.Properties[0].GetColumnName()));
            var update = $"UPDATE \"{table}\" SET \"{column}\" = \"{column}\"";
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(update));
            var updated = await StampAsync();
            Assert.True(updated > inserted, $"An update of {table} did not move the stamp.");

            var deleted = await factory.WithDbAsync(delete);
            Assert.True(deleted > 0, $"Nothing deleted from {table}.");
            Assert.True(await StampAsync() > updated, $"A delete from {table} did not move the stamp.");
        }
    }

    [Fact]
    public async Task Writes_to_tokens_authorizations_accounts_and_counters_leave_the_stamp_alone()
    {
        var client = await factory.RegisterClientAsync();
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        var before = await StampAsync();

        // A refresh (token entries inserted and redeemed), an account, a counter, an authorization's status.
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);
        await factory.CreateUserAsync();
        await factory.WithDbAsync(async db =>
        {
            db.RateLimitCounters.Add(new RateLimitCounter { Key = "stamp-test-" + Guid.NewGuid(), Count = 1, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1) });
            await db.SaveChangesAsync();
            await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, a => a.Status));
            return await db.Set<OpenIddictEntityFrameworkCoreToken>().ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, t => t.Status));
        });

        Assert.Equal(before, await StampAsync());
    }

    private Task<long> StampAsync() => factory.WithDbAsync(db => db.ConfigurationStamps.Select(s => s.Version).SingleAsync());

    private static List<(string Table, Func<IdPDbContext, Task> Insert, Func<IdPDbContext, Task<int>> Delete)> Cases(Guid tenantId)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        var appId = Guid.NewGuid();
        var otherTenant = Guid.NewGuid();
        return
        [
            ("Tenants", db =>
            {
                // A second tenant row that sorts after the real one (the server reads the first).
                db.Tenants.Add(new Tenant { Id = otherTenant, Name = "t" + tag, Domain = tag + ".test", DisplayName = "Stamp", CreatedAt = now.AddYears(1), UpdatedAt = now });
                return Task.CompletedTask;
            }, db => db.Tenants.Where(t => t.Id == otherTenant).ExecuteDeleteAsync()),
            ("UserFlows", db =>
            {
                db.UserFlows.Add(new UserFlow { Name = "B2C_1_stamp" + tag, NormalizedName = "B2C_1_STAMP" + tag.ToUpperInvariant() });
                return Task.CompletedTask;
            }, db => db.UserFlows.Where(f => f.Name == "B2C_1_stamp" + tag).ExecuteDeleteAsync()),
            ("Applications", db =>
            {
                db.Applications.Add(new Application { Id = appId, ClientId = "stamp-" + tag, DisplayName = "Stamp", CreatedAt = now, UpdatedAt = now });
                return Task.CompletedTask;
            }, db => db.Applications.Where(a => a.Id == appId).ExecuteDeleteAsync()),
            ("ClientSecrets", async db =>
            {
                var owner = await db.Applications.OrderBy(a => a.CreatedAt).Select(a => a.Id).FirstAsync();
                db.ClientSecrets.Add(new ClientSecret { Id = appId, ApplicationId = owner, Hash = "x", Hint = "abc", CreatedAt = now });
            }, db => db.ClientSecrets.Where(s => s.Id == appId).ExecuteDeleteAsync()),
            ("OpenIddictApplications", db =>
            {
                db.Set<OpenIddictEntityFrameworkCoreApplication>().Add(new OpenIddictEntityFrameworkCoreApplication { Id = "stamp-" + tag, ClientId = "stamp-oi-" + tag });
                return Task.CompletedTask;
            }, db => db.Set<OpenIddictEntityFrameworkCoreApplication>().Where(a => a.Id == "stamp-" + tag).ExecuteDeleteAsync()),
            ("OpenIddictScopes", db =>
            {
                db.Set<OpenIddictEntityFrameworkCoreScope>().Add(new OpenIddictEntityFrameworkCoreScope { Id = "stamp-" + tag, Name = "stamp." + tag });
                return Task.CompletedTask;
            }, db => db.Set<OpenIddictEntityFrameworkCoreScope>().Where(s => s.Id == "stamp-" + tag).ExecuteDeleteAsync()),
            ("TenantBrandings", db =>
            {
                db.TenantBrandings.Add(new TenantBranding { TenantId = otherTenant, UpdatedAt = now });
                db.Tenants.Add(new Tenant { Id = otherTenant, Name = "b" + tag, Domain = "b" + tag + ".test", DisplayName = "Stamp", CreatedAt = now.AddYears(1), UpdatedAt = now });
                return Task.CompletedTask;
            }, async db =>
            {
                var deleted = await db.TenantBrandings.Where(b => b.TenantId == otherTenant).ExecuteDeleteAsync();
                await db.Tenants.Where(t => t.Id == otherTenant).ExecuteDeleteAsync();
                return deleted;
            }),
            ("BrandingImages", db =>
            {
                db.BrandingImages.Add(new BrandingImage { TenantId = tenantId, Kind = BrandingImageKind.BackgroundImage, ContentType = "image/png", Content = [1], Hash = tag, UpdatedAt = now });
                return Task.CompletedTask;
            }, db => db.BrandingImages.Where(i => i.TenantId == tenantId && i.Hash == tag).ExecuteDeleteAsync()),
            ("StringOverrides", db =>
            {
                db.StringOverrides.Add(new StringOverride { TenantId = tenantId, Language = "en", Key = "stamp." + tag, Value = "Stamp", UpdatedAt = now });
                return Task.CompletedTask;
            }, db => db.StringOverrides.Where(o => o.TenantId == tenantId && o.Key == "stamp." + tag).ExecuteDeleteAsync()),
        ];
    }
}

public sealed class ConfigurationStampTriggerTestsOnSqlite(IdPFactory<Sqlite> factory)
    : ConfigurationStampTriggerTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ConfigurationStampTriggerTestsOnPostgres(IdPFactory<Postgres> factory)
    : ConfigurationStampTriggerTests(factory), IClassFixture<IdPFactory<Postgres>>;
