using Microsoft.EntityFrameworkCore.Metadata;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>
/// The token endpoint's stores hand each request a copy of OpenIddict's cached application and scope rows, made column by
/// column. A column the copy misses (one a newer OpenIddict adds, say) would read as null on every cached request, and
/// an update through the manager would write that null back. So every column the EF model maps must come out of the
/// cache as it is stored: each text column is given its own value, the row is read once to fill the cache, then again.
/// </summary>
public abstract class CachedProtocolEntityColumnsTests(IdPFactory factory)
{
    [Fact]
    public async Task A_cached_application_carries_every_mapped_column_as_stored()
    {
        var clientId = "columns-" + Guid.NewGuid().ToString("N");
        var stored = await StoreWithEveryTextColumnAsync(new OpenIddictEntityFrameworkCoreApplication { ClientId = clientId });

        for (var read = 0; read < 2; read++)
        {
            var byClientId = await factory.WithScopeAsync(sp => sp.GetRequiredService<IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication>>().FindByClientIdAsync(clientId, CancellationToken.None).AsTask());
            var byId = await factory.WithScopeAsync(sp => sp.GetRequiredService<IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication>>().FindByIdAsync(stored.Id!, CancellationToken.None).AsTask());
            await AssertSameColumnsAsync(stored, byClientId!);
            await AssertSameColumnsAsync(stored, byId!);
        }
    }

    [Fact]
    public async Task A_cached_scope_carries_every_mapped_column_as_stored()
    {
        var name = "columns-" + Guid.NewGuid().ToString("N");
        var stored = await StoreWithEveryTextColumnAsync(new OpenIddictEntityFrameworkCoreScope { Name = name });

        for (var read = 0; read < 2; read++)
        {
            var found = await factory.WithScopeAsync(async sp =>
            {
                var scopes = sp.GetRequiredService<IOpenIddictScopeStore<OpenIddictEntityFrameworkCoreScope>>();
                var list = new List<OpenIddictEntityFrameworkCoreScope>();
                await foreach (var scope in scopes.FindByNamesAsync([name], CancellationToken.None))
                {
                    list.Add(scope);
                }

                return list;
            });
            await AssertSameColumnsAsync(stored, Assert.Single(found));
        }
    }

    /// <summary>Stores the row with a distinct value in each mapped text column (keys and JSON-less names left as set).</summary>
    private Task<T> StoreWithEveryTextColumnAsync<T>(T entity)
        where T : class => factory.WithDbAsync(async db =>
        {
            foreach (var property in TextColumns<T>(db))
            {
                if (property.PropertyInfo!.GetValue(entity) is null)
                {
                    property.PropertyInfo.SetValue(entity, $"{property.Name}-value");
                }
            }

            db.Add(entity);
            await db.SaveChangesAsync();
            return entity;
        });

    private Task<int> AssertSameColumnsAsync<T>(T stored, T read)
        where T : class => factory.WithDbAsync(db =>
        {
            foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                Assert.True(Equals(property.PropertyInfo!.GetValue(stored), property.PropertyInfo.GetValue(read)),
                    $"{typeof(T).Name}.{property.Name}: stored '{property.PropertyInfo.GetValue(stored)}', read '{property.PropertyInfo.GetValue(read)}'");
            }

            return Task.FromResult(0);
        });

    private static IEnumerable<IProperty> TextColumns<T>(DbContext db) =>
        db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => p.ClrType == typeof(string) && p.PropertyInfo is { CanWrite: true } && !p.IsPrimaryKey());
}

public sealed class CachedProtocolEntityColumnsTestsOnSqlite(IdPFactory<Sqlite> factory)
    : CachedProtocolEntityColumnsTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class CachedProtocolEntityColumnsTestsOnPostgres(IdPFactory<Postgres> factory)
    : CachedProtocolEntityColumnsTests(factory), IClassFixture<IdPFactory<Postgres>>;
