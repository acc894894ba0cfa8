using IdP.Core.Groups;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The portal's overview: how many applications (the server's own left out), user flows, users and groups there are,
/// counted in the database, so the page costs the same with ten users or a million.
/// </summary>
public abstract class OverviewPortalTests(IdPFactory factory, RequestSqlRecorder sql, ITestOutputHelper output)
{
    [Fact]
    public async Task The_overview_shows_how_many_of_each_there_are_and_follows_every_change()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;

        var before = Counts(await browser.NavigateAsync("/admin"));
        Assert.Equal(await StoredCountsAsync(), before);

        await factory.RegisterClientAsync();
        await factory.RegisterClientAsync();
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowAdministration>().CreateAsync(
            new UserFlowInput { Name = "ov_" + Guid.NewGuid().ToString("N")[..8], Type = UserFlowType.SignIn }, "test", CancellationToken.None));
        await factory.CreateUserAsync();
        await factory.CreateUserAsync();
        await factory.CreateUserAsync();
        await factory.WithScopeAsync(sp => sp.GetRequiredService<GroupAdministration>().CreateAsync(new GroupInput { Name = $"Overview {Guid.NewGuid():N}" }, "test", CancellationToken.None));

        var after = Counts(await browser.NavigateAsync("/admin"));
        Assert.Equal((before.Applications + 2, before.UserFlows + 1, before.Users + 3, before.Groups + 1), after);
        Assert.Equal(await StoredCountsAsync(), after);
    }

    [Fact]
    public async Task The_overview_counts_in_the_database_instead_of_loading_the_lists()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        sql.RecordEveryRequest = true;
        try
        {
            var seen = sql.Requests().Count;
            await browser.NavigateAsync("/admin");

            var overview = Assert.Single(sql.Requests().Skip(seen), r => r.Method == "GET" && r.Path == "/admin");
            foreach (var statement in overview.Commands)
            {
                output.WriteLine(statement.ReplaceLineEndings(" "));
            }

            // Each list is counted by one COUNT, and nothing the lists carry is read: no secrets, sign-in names, templates.
            foreach (var table in new[] { "\"Applications\"", "\"UserFlows\"", "\"Groups\"" })
            {
                var reads = overview.Commands.Where(c => c.Contains(table, StringComparison.Ordinal)).ToList();
                Assert.True(reads.Count == 1 && reads[0].Contains("COUNT(", StringComparison.OrdinalIgnoreCase), $"{table}: {string.Join(" | ", reads)}");
            }

            Assert.Single(overview.Commands, c => c.Contains("COUNT(", StringComparison.OrdinalIgnoreCase) && c.Contains("\"AspNetUsers\"", StringComparison.Ordinal));
            Assert.DoesNotContain(overview.Commands, c => c.Contains("\"ClientSecrets\"", StringComparison.Ordinal)
                || c.Contains("\"SignInNames\"", StringComparison.Ordinal)
                || c.Contains("\"GroupMembers\"", StringComparison.Ordinal)
                || c.Contains("\"CustomPageContent\"", StringComparison.Ordinal));
        }
        finally
        {
            sql.RecordEveryRequest = false;
        }
    }

    private static (int Applications, int UserFlows, int Users, int Groups) Counts(Navigation home) =>
        (Number(home, "count-applications"), Number(home, "count-user-flows"), Number(home, "count-users"), Number(home, "count-groups"));

    private static int Number(Navigation home, string id) => int.Parse(home.Text(id)!, NumberStyles.None, CultureInfo.InvariantCulture);

    // The truth, read here without the server's services: every application but the portal's and Run now's own.
    private Task<(int Applications, int UserFlows, int Users, int Groups)> StoredCountsAsync() =>
        factory.WithDbAsync(async db => (
            await db.Applications.CountAsync(a => a.ClientId != IdP.Server.Admin.Portal.PortalApplication.ClientId && a.ClientId != RunNowApplication.ClientId),
            await db.UserFlows.CountAsync(),
            await db.Users.CountAsync(),
            await db.Groups.CountAsync()));
}

[Collection(PortalOnSqlite.Name)]
public sealed class OverviewPortalTestsOnSqlite(PortalFactory<Sqlite> factory, ITestOutputHelper output) : OverviewPortalTests(factory, factory.Sql, output);

[Collection(PortalOnPostgres.Name)]
public sealed class OverviewPortalTestsOnPostgres(PortalFactory<Postgres> factory, ITestOutputHelper output) : OverviewPortalTests(factory, factory.Sql, output);
