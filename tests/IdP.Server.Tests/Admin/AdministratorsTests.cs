namespace IdP.Server.Tests.Admin;

/// <summary>The administrator role the portal requires: created, granted, revoked (never the last one), audited.</summary>
public abstract class AdministratorsTests(IdPFactory factory)
{
    private const string Actor = "test-operator";

    [Fact]
    public async Task An_administrator_is_created_with_the_role_and_both_changes_are_audited()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        var created = await WithAdministratorsAsync(a => a.CreateAsync(new NewUserDocument { SignInEmail = email, Password = "Purple-Otter-Dances-42" }, Actor, default));

        var user = Assert.IsType<AdminResult<UserDetails>.Done>(created).Value;
        Assert.Equal(email, user.SignInEmail);
        Assert.True(await WithAdministratorsAsync(a => a.IsAdministratorAsync(user.Id, default)));
        Assert.Contains(user.Id, await WithAdministratorsAsync(a => a.ListAsync(default)));
        var events = await factory.WithScopeAsync(sp => sp.GetRequiredService<AuditQuery>().FindAsync(new AuditFilter(AccountId: user.Id), 1, 50, default));
        var types = Assert.IsType<AdminResult<Paged<AuditEntry>>.Done>(events).Value.Items.Select(e => e.Type).ToList();
        Assert.Contains(AdminEventTypes.UserCreated, types);
        Assert.Contains(AdminEventTypes.AdministratorGranted, types);
    }

    [Fact]
    public async Task A_weak_password_creates_nothing()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        var refused = await WithAdministratorsAsync(a => a.CreateAsync(new NewUserDocument { SignInEmail = email, Password = "password" }, Actor, default));

        Assert.Contains(Assert.IsType<AdminResult<UserDetails>.Invalid>(refused).Errors, e => e.Field == "password");
        Assert.DoesNotContain(await ListEmailsAsync(), e => e == email);
    }

    [Fact]
    public async Task Granting_twice_is_harmless_and_the_last_administrator_stays()
    {
        var first = await factory.CreateUserAsync();
        var second = await factory.CreateUserAsync();
        await WithAdministratorsAsync(a => a.GrantAsync(first.Account.Id, Actor, default));
        await WithAdministratorsAsync(a => a.GrantAsync(first.Account.Id, Actor, default));
        await WithAdministratorsAsync(a => a.GrantAsync(second.Account.Id, Actor, default));

        foreach (var other in await WithAdministratorsAsync(a => a.ListAsync(default)))
        {
            if (other != first.Account.Id)
            {
                Assert.IsType<AdminResult<UserDetails>.Done>(await WithAdministratorsAsync(a => a.RevokeAsync(other, Actor, default)));
            }
        }

        var last = await WithAdministratorsAsync(a => a.RevokeAsync(first.Account.Id, Actor, default));
        Assert.Contains(Assert.IsType<AdminResult<UserDetails>.Invalid>(last).Errors, e => e.Field == "administrator");
        Assert.True(await WithAdministratorsAsync(a => a.IsAdministratorAsync(first.Account.Id, default)));
        Assert.False(await WithAdministratorsAsync(a => a.IsAdministratorAsync(second.Account.Id, default)));
        Assert.IsType<AdminResult<UserDetails>.NotFound>(await WithAdministratorsAsync(a => a.GrantAsync(Guid.NewGuid(), Actor, default)));
    }

    private Task<T> WithAdministratorsAsync<T>(Func<Administrators, Task<T>> action) =>
        factory.WithScopeAsync(sp => action(sp.GetRequiredService<Administrators>()));

    private Task<List<string?>> ListEmailsAsync() =>
        factory.WithScopeAsync(async sp =>
        {
            var page = await sp.GetRequiredService<UserAdministration>().ListAsync("admin-", 1, 200, default);
            return Assert.IsType<AdminResult<Paged<UserDetails>>.Done>(page).Value.Items.Select(u => u.SignInEmail).ToList();
        });
}

public sealed class AdministratorsTestsOnSqlite(IdPFactory<Sqlite> factory) : AdministratorsTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class AdministratorsTestsOnPostgres(IdPFactory<Postgres> factory) : AdministratorsTests(factory), IClassFixture<IdPFactory<Postgres>>;
