using IdP.Core.Data;

namespace IdP.Server.Tests.Upgrades;

/// <summary>
/// An operator who ran the first version and upgrades keeps every row and a working server: each migration ran on
/// tables holding what that time's server wrote and removed none of it, the data migrations did what they say on
/// real rows, the model has no change without a migration, and what users and administrators had still works (the
/// old password signs in through the user flow, the app's secret gets tokens, the admin API shows the same values, the
/// group still decides who may reset, the text of an older custom page failure is shown as it was).
/// </summary>
public abstract class UpgradeTests<TDatabase>(UpgradedServerFactory<TDatabase> factory)
    where TDatabase : ITestDatabase, new()
{
    private readonly AdminApiClient _admin = new(factory);
    private LegacyRows Rows => factory.Rows;

    [Fact]
    public async Task Every_migration_ran_one_at_a_time_on_tables_with_rows_and_removed_none()
    {
        await using var db = factory.OpenDatabase();
        Assert.Equal(db.Migrations, factory.Steps.Select(s => s.Migration));
        Assert.True(factory.Steps.Count >= 9, "Expected every migration since Initial.");
        Assert.Equal([$"Applied migration {db.Migrations[^1]}."], factory.MigrateOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SkipLast(1));

        foreach (var step in factory.Steps.Skip(1))
        {
            var empty = step.ExistingTables.Where(t => step.Before[t] == 0).ToList();
            Assert.True(empty.Count == 0, $"{step.Migration} ran on empty tables: {string.Join(", ", empty)} (write their rows in LegacyRows).");
            foreach (var (table, count) in step.Before)
            {
                Assert.True(step.After.TryGetValue(table, out var after), $"{step.Migration} dropped the table {table}.");
                Assert.True(after == count, $"{step.Migration} changed the rows of {table}: {count} before, {after} after.");
            }
        }

        // What the migrations so far change in existing tables: columns, an SQL back-fill, triggers on every configuration table.
        var met = factory.Steps.SelectMany(s => s.ExistingTables).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["Applications", "AspNetUsers", "EmailCodeSends", "Journeys", "UserFlows", .. ConfigurationTables.Stamped], StringComparer.Ordinal), met);

        // The tables left empty exist (the list names real tables) and nothing else was left empty after the last step.
        var last = factory.Steps[^1].After;
        Assert.All(LegacyRows.TablesNoServerWrites, t => Assert.True(last.ContainsKey(t), $"No table {t}."));
        Assert.DoesNotContain(last, t => t.Value == 0 && !LegacyRows.TablesNoServerWrites.Contains(t.Key));
    }

    [Fact]
    public async Task The_upgraded_database_lacks_no_migration_and_the_model_has_no_change_without_one()
    {
        Assert.False(factory.HadPendingModelChanges, "The model differs from the last migration's snapshot: add a migration (scripts/add-migration.sh).");
        await using var db = factory.OpenDatabase();
        Assert.Empty(await db.PendingMigrationsAsync());
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Server.Seeding.IdPInitializer>().PendingMigrationsAsync(CancellationToken.None)));
    }

    [Fact]
    public void The_server_started_on_the_upgraded_database_without_an_error()
    {
        Assert.NotEmpty(factory.StartupLogs);
        Assert.Empty(factory.StartupLogs.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}"));
    }

    [Fact]
    public async Task The_account_signs_in_with_its_old_password_through_the_user_flow_and_the_app_gets_tokens_with_its_old_secret()
    {
        var client = new OidcClient(factory, LegacyRows.WebClientId, LegacyRows.WebRedirectUri) { ClientSecret = Rows.WebSecret };
        var alice = new TestUser(LegacyRows.AliceEmail, LegacyRows.AlicePassword, await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == Rows.AliceId)));
        using var browser = factory.CreateBrowser();

        var request = client.Authorize();
        var page = await SignInPage.OpenAsync(browser, request);
        var tokens = await browser.SignInAndRedeemAsync(client, alice, request);
        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);

        // The branding of that time is on the page: its text and the overridden button label.
        Assert.Contains("Welcome back to Contoso", page.Page.Body, StringComparison.Ordinal);
        Assert.Contains("Log in to Contoso", page.Page.Body, StringComparison.Ordinal);

        // The account, its names and its contact email; the flow's claims and its lifetime (as the administrator set it).
        Assert.Equal(Rows.AliceId.ToString("D"), idToken.Subject);
        Assert.Equal("Alice Legacy", idToken.GetClaim("name").Value);
        Assert.Equal(LegacyRows.AliceEmail, idToken.GetClaim("emails").Value);
        Assert.Equal(LegacyRows.SignInTokenLifetimeMinutes * 60, (int)(idToken.ValidTo - idToken.IssuedAt).TotalSeconds);
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!)).Status);

        // The hash of that time (100,000 rounds) was replaced at this sign-in by one at today's cost.
        var hash = Convert.FromBase64String((await factory.WithDbAsync(db => db.Users.Where(u => u.Id == Rows.AliceId).Select(u => u.PasswordHash).SingleAsync()))!);
        Assert.Equal(IdP.Core.Passwords.PasswordHashingOptions.MinimumIterations, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)));

        // A wrong password is still refused (the old hash is checked, not skipped).
        using var other = factory.CreateBrowser();
        var wrong = SignInPage.On(other, await (await SignInPage.OpenAsync(other, client.Authorize())).SignInAsync(LegacyRows.AliceUsername, LegacyRows.AlicePassword + "x"));
        Assert.NotNull(wrong.Error);
    }

    [Fact]
    public async Task An_app_the_first_version_kept_only_in_OpenIddict_and_nobody_registered_since_signs_nobody_in()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(new AuthorizeRequest(LegacyRows.DemoClientId, LegacyRows.DemoRedirectUri, IdPFactory.SignInPolicy, "id_token", "openid").Url);

        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(B2CErrorCodes.RedirectUriNotRegisteredDescription(LegacyRows.DemoRedirectUri, LegacyRows.DemoClientId), page.Text(PageElementIds.ErrorMessage));
    }

    [Fact]
    public async Task The_admin_API_shows_the_user_app_group_and_flows_as_they_were()
    {
        var token = await _admin.NewTokenAsync(LegacyRows.AdminClientId, Rows.AdminSecret);

        var user = (await _admin.SendAsync(HttpMethod.Get, $"users/{Rows.AliceId}", token: token)).Expect(200);
        Assert.Equal(LegacyRows.AliceEmail, user["signInEmail"]);
        Assert.Equal(LegacyRows.AliceUsername, user["username"]);
        Assert.Equal(LegacyRows.AliceContactEmail, user["contactEmail"]);
        Assert.Equal("Alice Legacy", user["displayName"]);
        Assert.True(user.Json.GetProperty("accountEnabled").GetBoolean());
        var users = (await _admin.SendAsync(HttpMethod.Get, "users", token: token)).Expect(200).Json.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Contains(Rows.AliceId.ToString(), users);
        Assert.Contains(Rows.BobId.ToString(), users);

        var app = (await _admin.SendAsync(HttpMethod.Get, $"applications/{LegacyRows.WebClientId}", token: token)).Expect(200);
        Assert.Equal("Legacy web app", app["displayName"]);
        Assert.Equal([LegacyRows.WebRedirectUri], app.Json.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        var secret = Assert.Single(app.Json.GetProperty("secrets").EnumerateArray());
        Assert.Equal(Rows.WebSecret[..3], secret.GetProperty("hint").GetString());
        Assert.Equal("Deployed with v1", secret.GetProperty("description").GetString());
        var apps = (await _admin.SendAsync(HttpMethod.Get, "applications", token: token)).Expect(200).Json.EnumerateArray().Select(a => a.GetProperty("clientId").GetString()).ToList();
        Assert.Contains(LegacyRows.WebClientId, apps);
        Assert.Contains(LegacyRows.AdminClientId, apps);

        var group = (await _admin.SendAsync(HttpMethod.Get, $"groups/{Rows.GroupId}", token: token)).Expect(200);
        Assert.Equal(LegacyRows.GroupName, group["name"]);
        Assert.Equal("May reset their own password", group["description"]);
        var members = (await _admin.SendAsync(HttpMethod.Get, $"groups/{Rows.GroupId}/members", token: token)).Expect(200).Json.GetProperty("items");
        Assert.Equal(LegacyRows.AliceEmail, Assert.Single(members.EnumerateArray()).GetProperty("signInEmail").GetString());

        var flow = (await _admin.SendAsync(HttpMethod.Get, "user-flows/B2C_1_signin", token: token)).Expect(200).Json;
        Assert.Equal(LegacyRows.SignInTokenLifetimeMinutes, flow.GetProperty("accessAndIdTokenLifetimeMinutes").GetInt32());
        Assert.Equal(10, flow.GetProperty("refreshTokenLifetimeDays").GetInt32());
        Assert.Equal(30, flow.GetProperty("refreshTokenSlidingWindowDays").GetInt32());
        Assert.Equal(720, flow.GetProperty("sessionLifetimeMinutes").GetInt32());
        var flows = (await _admin.SendAsync(HttpMethod.Get, "user-flows", token: token)).Expect(200).Json.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["B2C_1_branded", "B2C_1_signin"], flows.Order(StringComparer.Ordinal));

        var audit = (await _admin.SendAsync(HttpMethod.Get, $"audit-log?account={Rows.AliceId}", token: token)).Expect(200).Json.GetProperty("items").EnumerateArray();
        Assert.Contains(audit, e => e.GetProperty("type").GetString() == AuditEventTypes.SignInSucceeded && e.GetProperty("clientId").GetString() == "idp-run-now");

        var reset = (await _admin.SendAsync(HttpMethod.Get, "settings/password-reset", token: token)).Expect(200);
        Assert.Equal("Selected", reset["mode"]);
        Assert.Equal(Rows.GroupId.ToString(), reset["groupId"]);
    }

    [Fact]
    public async Task The_group_of_that_time_still_decides_who_may_reset_a_password()
    {
        var (member, other) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IdPDbContext>();
            var resets = sp.GetRequiredService<ResetAccounts>();
            var alice = await db.Users.SingleAsync(u => u.Id == Rows.AliceId);
            var bob = await db.Users.SingleAsync(u => u.Id == Rows.BobId);
            return (await resets.EligibilityAsync(alice, CancellationToken.None), await resets.EligibilityAsync(bob, CancellationToken.None));
        });

        Assert.Equal(Rows.AliceId, Assert.IsType<ResetEligibility.Eligible>(member).AccountId);
        Assert.IsType<ResetEligibility.NotEnabled>(other);
    }

    [Fact]
    public async Task The_administrator_of_that_time_is_still_the_only_one()
    {
        var administrators = await factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().ListAsync(CancellationToken.None));

        Assert.Equal([Rows.AliceId], administrators);
    }

    [Fact]
    public async Task A_custom_page_failure_stored_as_text_is_shown_as_it_was_and_the_copy_stays_in_use()
    {
        var flow = (await _admin.SendAsync(HttpMethod.Get, $"user-flows/{LegacyRows.BrandedFlow}", token: await _admin.NewTokenAsync(LegacyRows.AdminClientId, Rows.AdminSecret))).Expect(200);

        Assert.Equal(LegacyRows.LegacyCustomPageError, flow["customPageError"]);
        Assert.Equal(LegacyRows.CustomPageUri, flow["customPageUri"]);
        Assert.Contains("<div id=\"api\">", flow["customPageContent"], StringComparison.Ordinal);
        await using var db = factory.OpenDatabase();
        // CustomPageFailureReasons added the reason's columns empty and left the text where it was.
        Assert.Equal([null], await db.QueryAsync<string?>($"SELECT COALESCE(\"CustomPageFailure\", \"CustomPageFailureDetail\") AS \"Value\" FROM \"UserFlows\" WHERE \"NormalizedName\" = '{LegacyRows.BrandedFlow.ToUpperInvariant()}'"));
        Assert.Equal([LegacyRows.LegacyCustomPageError], await db.QueryAsync<string>($"SELECT \"CustomPageError\" AS \"Value\" FROM \"UserFlows\" WHERE \"NormalizedName\" = '{LegacyRows.BrandedFlow.ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task ForcedPasswordReset_left_every_account_unmarked_every_flow_without_the_property_and_the_journey_under_way_pending()
    {
        await using var db = factory.OpenDatabase();

        Assert.Equal([0], await db.QueryAsync<int>("SELECT COUNT(*) AS \"Value\" FROM \"AspNetUsers\" WHERE \"ForceChangePasswordNextSignIn\""));
        Assert.Equal([0], await db.QueryAsync<int>("SELECT COUNT(*) AS \"Value\" FROM \"UserFlows\" WHERE \"ForcedPasswordReset\""));
        Assert.Equal(["Pending"], await db.QueryAsync<string>($"SELECT \"Status\" AS \"Value\" FROM \"Journeys\" WHERE \"Id\" = '{Rows.PendingJourneyId}' AND \"PasswordChangeAccountId\" IS NULL AND \"PasswordChangeStamp\" IS NULL"));
    }

    [Fact]
    public async Task KeepMeSignedIn_left_every_flow_without_it_with_the_days_a_new_flow_gets_valid_and_a_forced_change_under_way_pending()
    {
        await using var db = factory.OpenDatabase();

        Assert.Equal([0], await db.QueryAsync<int>("SELECT COUNT(*) AS \"Value\" FROM \"UserFlows\" WHERE \"KeepMeSignedIn\" OR \"KeepMeSignedInDays\" <> 30"));
        // Alice, asked for a new password when the server stopped, finishes with the browser session she would have had.
        Assert.Equal(["Pending"], await db.QueryAsync<string>($"SELECT \"Status\" AS \"Value\" FROM \"Journeys\" WHERE \"Id\" = '{Rows.ChangingJourneyId}' AND \"PasswordChangeAccountId\" IS NOT NULL AND NOT \"KeepMeSignedIn\""));
        var token = await _admin.NewTokenAsync(LegacyRows.AdminClientId, Rows.AdminSecret);
        var flow = (await _admin.SendAsync(HttpMethod.Get, "user-flows/B2C_1_signin", token: token)).Expect(200).Json;
        Assert.Equal((false, 30), (flow.GetProperty("keepMeSignedIn").GetBoolean(), flow.GetProperty("keepMeSignedInDays").GetInt32()));
        var flows = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowService>().ListAsync(CancellationToken.None));
        Assert.All(flows, f => Assert.Empty(UserFlowRules.Check(f)));
    }

    [Fact]
    public async Task RequireIdTokenInLogoutRequests_left_every_flow_without_it_and_the_session_setting_changed_before_it_as_it_was()
    {
        await using var db = factory.OpenDatabase();

        Assert.Equal([0], await db.QueryAsync<int>("SELECT COUNT(*) AS \"Value\" FROM \"UserFlows\" WHERE \"RequireIdTokenInLogoutRequests\""));
        var token = await _admin.NewTokenAsync(LegacyRows.AdminClientId, Rows.AdminSecret);
        var flow = (await _admin.SendAsync(HttpMethod.Get, $"user-flows/{LegacyRows.BrandedFlow}", token: token)).Expect(200).Json;
        Assert.Equal((false, "Absolute"), (flow.GetProperty("requireIdTokenInLogoutRequests").GetBoolean(), flow.GetProperty("sessionTimeout").GetString()));
    }

    [Fact]
    public async Task SingleSignOnConfiguration_left_every_flow_tenant_wide_and_the_sessions_standing_at_the_upgrade_used_by_nothing()
    {
        await using var db = factory.OpenDatabase();

        Assert.Equal([0], await db.QueryAsync<int>("SELECT COUNT(*) AS \"Value\" FROM \"UserFlows\" WHERE \"SingleSignOnConfiguration\" <> 'Tenant'"));
        var flows = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowService>().ListAsync(CancellationToken.None));
        Assert.All(flows, f => Assert.Equal(SingleSignOnScope.Tenant, f.SingleSignOnConfiguration));
        var token = await _admin.NewTokenAsync(LegacyRows.AdminClientId, Rows.AdminSecret);
        var branded = (await _admin.SendAsync(HttpMethod.Get, $"user-flows/{LegacyRows.BrandedFlow}", token: token)).Expect(200).Json;
        Assert.Equal(("Tenant", LegacyRows.BrandedSessionLifetimeMinutes), (branded.GetProperty("singleSignOnConfiguration").GetString(), branded.GetProperty("sessionLifetimeMinutes").GetInt32()));

        // Bob's session still stands, used by nothing the server knew of then: tenant-wide flows accept it as before.
        var session = await factory.WithDbAsync(d => d.SignInSessions.AsNoTracking().SingleAsync(s => s.Id == Rows.BobSessionId));
        Assert.Equal((null, "", ""), (session.EndedAt, session.UsedByApplications, session.UsedOnFlows));
        Assert.True(flows.Where(f => f.Type == UserFlowType.SignIn).All(f => SingleSignOn.Covers(f, session, LegacyRows.WebClientId)));
    }

    [Fact]
    public async Task MultifactorAuthentication_left_every_flow_off_with_email_every_standing_session_without_a_second_factor_and_every_code_a_resets()
    {
        await using var db = factory.OpenDatabase();

        Assert.Equal([0], await db.QueryAsync<int>("SELECT COUNT(*) AS \"Value\" FROM \"UserFlows\" WHERE \"MultifactorEnforcement\" <> 'Off' OR \"MultifactorMethod\" <> 'Email'"));
        var flows = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowService>().ListAsync(CancellationToken.None));
        Assert.All(flows, f => Assert.Equal((MultifactorEnforcement.Off, MultifactorMethod.Email), (f.MultifactorEnforcement, f.MultifactorMethod)));

        // Bob's session stands without a second factor: flows without MFA (all of them) accept it as before.
        var session = await factory.WithDbAsync(d => d.SignInSessions.AsNoTracking().SingleAsync(s => s.Id == Rows.BobSessionId));
        Assert.Equal((null, false), (session.EndedAt, session.MultifactorAuthenticated));
        Assert.True(flows.All(f => Multifactor.SessionSatisfies(f, session)));

        // Alice's verified code and the one pending in Bob's journey were a reset's, and stay so.
        var codes = await factory.WithDbAsync(d => d.EmailVerifications.AsNoTracking().ToListAsync());
        Assert.Contains(codes, c => c.Id == Rows.PendingResetCodeId);
        Assert.All(codes, c => Assert.Equal(EmailCodePurpose.PasswordReset, c.Purpose));
    }

    [Fact]
    public async Task AbuseLimits_counted_codes_killed_before_it_as_five_wrong_entries_and_live_ones_as_none()
    {
        await using var db = factory.OpenDatabase();
        var id = (Guid g) => db.IsSqlite ? $"'{g.ToString().ToUpperInvariant()}'" : $"'{g}'";

        Assert.Equal([5], await db.QueryAsync<int>($"SELECT \"WrongEntries\" AS \"Value\" FROM \"EmailCodeSends\" WHERE \"Id\" = {id(Rows.ExhaustedCodeId)}"));
        Assert.Equal([0], await db.QueryAsync<int>($"SELECT \"WrongEntries\" AS \"Value\" FROM \"EmailCodeSends\" WHERE \"Id\" = {id(Rows.LiveCodeId)}"));
    }

    [Fact]
    public async Task The_stamp_triggers_installed_on_populated_tables_fire_for_every_configuration_table()
    {
        await using var db = factory.OpenDatabase();
        Task<long> StampAsync() => factory.WithDbAsync(d => d.ConfigurationStamps.Select(s => s.Version).SingleAsync());

        // The administrator's change made while that migration was the latest already moved it.
        Assert.True(await StampAsync() > 0);
        foreach (var table in ConfigurationTables.Stamped)
        {
            var column = await factory.WithDbAsync(d => Task.FromResult(d.Model.GetEntityTypes().First(e => e.GetTableName() == table).FindPrimaryKey()!.Properties[0].GetColumnName()));
            var before = await StampAsync();
            await db.ExecuteAsync($"UPDATE \"{table}\" SET \"{column}\" = \"{column}\"");
            Assert.True(await StampAsync() > before, $"An update of {table} did not move the stamp.");
        }
    }
}

public sealed class UpgradeTestsOnSqlite(UpgradedServerFactory<Sqlite> factory) : UpgradeTests<Sqlite>(factory), IClassFixture<UpgradedServerFactory<Sqlite>>;

public sealed class UpgradeTestsOnPostgres(UpgradedServerFactory<Postgres> factory) : UpgradeTests<Postgres>(factory), IClassFixture<UpgradedServerFactory<Postgres>>;
