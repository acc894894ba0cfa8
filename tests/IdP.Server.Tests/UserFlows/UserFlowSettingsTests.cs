namespace IdP.Server.Tests.UserFlows;

/// <summary>User flows are stored only with values in B2C's ranges; anything else is refused with a message that says why.</summary>
public abstract class UserFlowSettingsTests(IdPFactory factory)
{
    [Fact]
    public async Task A_flow_with_out_of_range_values_is_refused_with_every_reason_and_not_stored()
    {
        var name = "B2C_1_bad" + Guid.NewGuid().ToString("N")[..6];

        var result = await CreateAsync(new UserFlow
        {
            Name = name,
            NormalizedName = "",
            AccessAndIdTokenLifetimeMinutes = 4,
            RefreshTokenLifetimeDays = 91,
            SessionLifetimeMinutes = 1441,
        });

        var errors = Assert.IsType<UserFlowChange.Invalid>(result).Errors;
        Assert.Contains("Access & ID token lifetime (minutes) must be between 5 and 1440; 4 is out of range.", errors);
        Assert.Contains("Refresh token lifetime (days) must be between 1 and 90; 91 is out of range.", errors);
        Assert.Contains("Web app session lifetime (minutes) must be between 15 and 1440; 1441 is out of range.", errors);
        Assert.False(await factory.WithDbAsync(db => db.UserFlows.AnyAsync(f => f.Name == name)));
    }

    [Fact]
    public async Task A_flow_is_stored_with_the_b2c_prefix_and_found_in_any_case()
    {
        var suffix = "Prefix" + Guid.NewGuid().ToString("N")[..6];

        var result = await CreateAsync(new UserFlow { Name = suffix, NormalizedName = "" });
        var found = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowService>().FindAsync("b2c_1_" + suffix.ToUpperInvariant(), CancellationToken.None));

        Assert.Equal("B2C_1_" + suffix, Assert.IsType<UserFlowChange.Saved>(result).Flow.Name);
        Assert.Equal("B2C_1_" + suffix, found?.Name);
    }

    [Fact]
    public async Task A_second_flow_with_the_same_name_in_another_case_is_refused()
    {
        var name = "B2C_1_twin" + Guid.NewGuid().ToString("N")[..6];
        await CreateAsync(new UserFlow { Name = name, NormalizedName = "" });

        var result = await CreateAsync(new UserFlow { Name = name.ToUpperInvariant(), NormalizedName = "" });

        Assert.Contains(Assert.IsType<UserFlowChange.Invalid>(result).Errors, e => e.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_out_of_range_change_is_refused_and_leaves_the_flow_as_it_was()
    {
        var name = (await factory.CreateFlowAsync(new UserFlow { Name = "B2C_1_edit" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" })).Name;

        var result = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowService>().UpdateAsync(name, f =>
        {
            f.AccessAndIdTokenLifetimeMinutes = 30;
            f.RefreshTokenLifetimeDays = 30;
            f.RefreshTokenSlidingWindowDays = 7;
        }, CancellationToken.None));
        var stored = await factory.WithDbAsync(db => db.UserFlows.AsNoTracking().SingleAsync(f => f.Name == name));

        Assert.Contains("Refresh token sliding window lifetime (7 days) must be at least the refresh token lifetime (30 days).", Assert.IsType<UserFlowChange.Invalid>(result).Errors);
        Assert.Equal(60, stored.AccessAndIdTokenLifetimeMinutes);
        Assert.Equal(14, stored.RefreshTokenLifetimeDays);
        Assert.Equal(90, stored.RefreshTokenSlidingWindowDays);
    }

    [Fact]
    public async Task A_valid_change_is_stored_and_used_by_the_next_request()
    {
        var name = (await factory.CreateFlowAsync(new UserFlow { Name = "B2C_1_use" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" })).Name;

        await factory.UpdateFlowAsync(name, f => f.IssuerFormat = IssuerFormat.PolicyIssuer);
        using var http = factory.CreateHttpClient();
        var discovery = await http.GetStringAsync($"/{IdPFactory.Tenant}/{name}/v2.0/.well-known/openid-configuration");

        Assert.Contains($"/tfp/{await factory.TenantIdAsync():D}/{name.ToLowerInvariant()}/v2.0/", discovery, StringComparison.Ordinal);
    }

    private Task<UserFlowChange> CreateAsync(UserFlow flow) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowService>().CreateAsync(flow, CancellationToken.None));
}

public sealed class UserFlowSettingsTestsOnSqlite(IdPFactory<Sqlite> factory) : UserFlowSettingsTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class UserFlowSettingsTestsOnPostgres(IdPFactory<Postgres> factory) : UserFlowSettingsTests(factory), IClassFixture<IdPFactory<Postgres>>;
