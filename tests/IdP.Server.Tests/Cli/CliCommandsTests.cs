using IdP.Core.Groups;
using IdP.Server.Keys;
using Microsoft.AspNetCore.Identity;

namespace IdP.Server.Tests.Cli;

/// <summary>
/// The server binary's commands against the database of a running server: each one's effect is visible where an
/// operator would look (the admin role, the token endpoint, discovery, JWKS, the sign-in page), it is audited with the
/// CLI as the actor, and a refusal exits non-zero with a message naming the option to fix and no stack trace.
/// </summary>
public abstract class CliCommandsTests(IdPFactory factory, ITestDatabase freshDatabase) : IAsyncLifetime
{
    private const string StrongPassword = "Purple-Otter-Dances-42";
    private static readonly string Actor = "cli:" + Environment.UserName;
    private readonly CliRunner _cli = new(factory);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => freshDatabase.DisposeAsync().AsTask();

    [Fact]
    public async Task Migrate_brings_a_new_database_up_to_date_once_and_commands_refuse_to_run_before_it()
    {
        var cli = new CliRunner(factory).With("ConnectionStrings:IdP", await freshDatabase.CreateAsync()).With("IdP:Database:ApplyMigrations", "false");
        var migrations = await factory.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));

        var early = (await cli.RunAsync("settings", "password-reset")).ExpectFailure();
        var migrated = (await cli.RunAsync("migrate")).ExpectOk();
        var again = (await cli.RunAsync("migrate")).ExpectOk();
        var after = (await cli.RunAsync("settings", "password-reset")).ExpectOk();

        Assert.Contains($"the database lacks {migrations.Count} migration(s) and IdP:Database:ApplyMigrations is false: run 'migrate' first.", early.Error, StringComparison.Ordinal);
        Assert.Equal(migrations.Select(m => $"Applied migration {m}."), migrated.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SkipLast(1));
        Assert.EndsWith($"database is up to date: {migrations.Count} migration(s) applied.", migrated.Out.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("database is up to date: no migration to apply.", again.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal("Self service password reset enabled: None.", after.Out.Trim());
    }

    [Fact]
    public async Task Admin_create_makes_an_administrator_audited_as_the_cli()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";

        var outcome = (await _cli.RunAsync("admin", "create", "--email", email, "--password", StrongPassword, "--display-name", "Operator")).ExpectOk();

        Assert.Contains($"Created administrator {email}", outcome.Out, StringComparison.Ordinal);
        var account = await FindAccountAsync(email);
        Assert.Contains(account.Id.ToString(), outcome.Out, StringComparison.Ordinal);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().IsAdministratorAsync(account.Id, default)));
        var events = await AuditAsync(new AuditFilter(AccountId: account.Id));
        Assert.Contains(events, e => e.Type == AdminEventTypes.UserCreated && e.ClientId == Actor);
        Assert.Contains(events, e => e.Type == AdminEventTypes.AdministratorGranted && e.ClientId == Actor);
    }

    [Fact]
    public async Task Admin_create_reads_the_password_from_standard_input_or_the_environment()
    {
        var fromStdin = $"admin-{Guid.NewGuid():N}@example.com";
        var fromEnvironment = $"admin-{Guid.NewGuid():N}@example.com";

        (await _cli.RunAsync(["admin", "create", "--email", fromStdin, "--password-stdin"], StrongPassword + "\n")).ExpectOk();
        (await _cli.RunAsync(["admin", "create", "--email", fromEnvironment], "", new Dictionary<string, string> { ["IDP_ADMIN_PASSWORD"] = StrongPassword })).ExpectOk();
        var missing = (await _cli.RunAsync("admin", "create", "--email", $"admin-{Guid.NewGuid():N}@example.com")).ExpectFailure();

        Assert.True(await IsAdministratorAsync(fromStdin));
        Assert.True(await IsAdministratorAsync(fromEnvironment));
        Assert.Contains("IDP_ADMIN_PASSWORD", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_create_with_a_weak_password_or_a_taken_email_creates_nothing_and_names_the_option()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        var taken = await factory.CreateUserAsync();

        var weak = (await _cli.RunAsync("admin", "create", "--email", email, "--password", "password")).ExpectFailure();
        var duplicate = (await _cli.RunAsync("admin", "create", "--email", taken.Email, "--password", StrongPassword)).ExpectFailure();

        Assert.Contains("error: --password: The password is on the list of commonly used passwords", weak.Error, StringComparison.Ordinal);
        Assert.Contains("error: --email: ", duplicate.Error, StringComparison.Ordinal);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<Account>>().FindByEmailAsync(email)));
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().IsAdministratorAsync(taken.Account.Id, default)));
    }

    [Fact]
    public async Task Admin_grant_and_revoke_change_an_existing_accounts_role_by_email_or_username_audited_as_the_cli()
    {
        var byEmail = await factory.CreateUserAsync();
        var username = $"op{Guid.NewGuid():N}"[..20];
        var byUsername = await factory.CreateUserAsync(username);

        var granted = (await _cli.RunAsync("admin", "grant", byEmail.Email.ToUpperInvariant())).ExpectOk();
        var again = (await _cli.RunAsync("admin", "grant", byEmail.Email)).ExpectOk();
        var grantedByUsername = (await _cli.RunAsync("admin", "grant", username)).ExpectOk();

        Assert.Equal($"Granted the role {Administrators.Role} to {byEmail.Email.ToUpperInvariant()} (id {byEmail.Account.Id}).", granted.Out.Trim());
        Assert.Contains("already holds the role", again.Out, StringComparison.Ordinal);
        Assert.Contains(byUsername.Account.Id.ToString(), grantedByUsername.Out, StringComparison.Ordinal);
        Assert.True(await IsAdministratorAsync(byEmail.Account.Id));
        Assert.True(await IsAdministratorAsync(byUsername.Account.Id));
        Assert.Contains(await AuditAsync(new AuditFilter(AccountId: byEmail.Account.Id)), e => e.Type == AdminEventTypes.AdministratorGranted && e.ClientId == Actor);

        var revoked = (await _cli.RunAsync("admin", "revoke", username)).ExpectOk();
        var notOne = (await _cli.RunAsync("admin", "revoke", username)).ExpectOk();

        Assert.Equal($"Revoked the role {Administrators.Role} from {username} (id {byUsername.Account.Id}).", revoked.Out.Trim());
        Assert.Contains("does not hold the role", notOne.Out, StringComparison.Ordinal);
        Assert.False(await IsAdministratorAsync(byUsername.Account.Id));
        Assert.True(await IsAdministratorAsync(byEmail.Account.Id));
        Assert.Contains(await AuditAsync(new AuditFilter(AccountId: byUsername.Account.Id)), e => e.Type == AdminEventTypes.AdministratorRevoked && e.ClientId == Actor);
    }

    [Fact]
    public async Task Admin_grant_or_revoke_of_an_unknown_account_exits_1_naming_it_and_changes_nothing()
    {
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        var granted = new AuditFilter(Type: AdminEventTypes.AdministratorGranted);
        var revoked = new AuditFilter(Type: AdminEventTypes.AdministratorRevoked);
        var before = (await AuditAsync(granted)).Count + (await AuditAsync(revoked)).Count;

        var grant = (await _cli.RunAsync("admin", "grant", unknown)).ExpectFailure();
        var revoke = (await _cli.RunAsync("admin", "revoke", "no-such-user")).ExpectFailure();
        var missing = await _cli.RunAsync("admin", "grant");

        Assert.Equal($"error: SIGN-IN-NAME: no account signs in with '{unknown}'.", grant.Error.Trim());
        Assert.Equal("error: SIGN-IN-NAME: no account signs in with 'no-such-user'.", revoke.Error.Trim());
        Assert.Equal(CliExit.Usage, missing.ExitCode);
        Assert.Empty(grant.Out);
        Assert.Equal(before, (await AuditAsync(granted)).Count + (await AuditAsync(revoked)).Count);
    }

    [Fact]
    public async Task Apps_add_registers_an_application_whose_printed_secret_gets_a_token()
    {
        var clientId = "cli-" + Guid.NewGuid().ToString("N")[..10];

        var outcome = (await _cli.RunAsync(
            "apps", "add", "--client-id", clientId, "--name", "Nightly job", "--redirect-uri", "https://job.example.com/cb",
            "--allow-client-credentials", "--secret", "--secret-description", "ci", "--secret-expires", DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd"))).ExpectOk();

        var secret = outcome.Out.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("secret: ", StringComparison.Ordinal))["secret: ".Length..];
        var tokens = await new OidcClient(factory, clientId, "https://job.example.com/cb") { ClientSecret = secret }.ClientCredentialsAsync(scope: clientId);
        Assert.Equal(200, tokens.Status);
        var application = Assert.IsType<AdminResult<ApplicationDetails>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(clientId, default))).Value;
        Assert.Equal("Nightly job", application.DisplayName);
        Assert.Equal(["https://job.example.com/cb"], application.RedirectUris);
        Assert.Equal("ci", Assert.Single(application.Secrets).Description);
        var events = await AuditAsync(new AuditFilter(Type: "admin.application.*"));
        Assert.Contains(events, e => e.Type == AdminEventTypes.ApplicationCreated && e.ClientId == Actor && e.Details!.Contains(clientId, StringComparison.Ordinal));
        Assert.Contains(events, e => e.Type == AdminEventTypes.SecretAdded && e.ClientId == Actor && e.Details!.Contains(clientId, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Details!.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apps_add_with_an_exposed_api_and_a_client_with_its_permission()
    {
        var api = "api-" + Guid.NewGuid().ToString("N")[..10];
        var appIdUri = $"https://{IdPFactory.TenantDomain}/{api}";

        (await _cli.RunAsync("apps", "add", "--client-id", api, "--app-id-uri", appIdUri, "--scope", "tasks.read", "--scope", "tasks.write")).ExpectOk();
        var client = (await _cli.RunAsync(
            "apps", "add", "--client-id", api + "-web", "--spa-redirect-uri", "https://spa.example.com/", "--api-permission", $"{appIdUri}/tasks.read")).ExpectOk();

        Assert.Contains($"API permission: {appIdUri}/tasks.read", client.Out, StringComparison.Ordinal);
        var registered = Assert.IsType<AdminResult<ApplicationDetails>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(api, default))).Value;
        Assert.Equal(["tasks.read", "tasks.write"], registered.ApiScopes.Select(s => s.Name));
    }

    [Fact]
    public async Task Apps_add_refuses_the_admin_apis_scope_name_and_registers_nothing()
    {
        var api = "api-" + Guid.NewGuid().ToString("N")[..10];

        var refused = (await _cli.RunAsync("apps", "add", "--client-id", api, "--app-id-uri", $"https://{IdPFactory.TenantDomain}/{api}", "--scope", "idp.admin")).ExpectFailure();

        Assert.Contains("error: --scope: 'idp.admin' is reserved for the server's admin API: choose another scope name.", refused.Error, StringComparison.Ordinal);
        Assert.IsType<AdminResult<ApplicationDetails>.NotFound>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(api, default)));
    }

    [Fact]
    public async Task Apps_add_refused_at_its_secret_registers_nothing()
    {
        var clientId = "cli-" + Guid.NewGuid().ToString("N")[..10];

        var refused = (await _cli.RunAsync("apps", "add", "--client-id", clientId, "--redirect-uri", "https://a.example.com/cb", "--secret", "--secret-expires", "2099-01-01")).ExpectFailure();
        var badUrl = (await _cli.RunAsync("apps", "add", "--client-id", clientId, "--redirect-uri", "not a url")).ExpectFailure();

        Assert.Contains("error: --secret-expires: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("error: --redirect-uri: ", badUrl.Error, StringComparison.Ordinal);
        Assert.IsType<AdminResult<ApplicationDetails>.NotFound>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(clientId, default)));
        Assert.DoesNotContain(await AuditAsync(new AuditFilter(Type: "admin.application.*")), e => e.Details!.Contains(clientId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flows_add_creates_a_flow_that_serves_its_discovery_document()
    {
        var name = "cli_" + Guid.NewGuid().ToString("N")[..8];
        using var http = factory.CreateHttpClient();
        var discovery = $"/{IdPFactory.Tenant}/B2C_1_{name}/v2.0/.well-known/openid-configuration";
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(discovery)).StatusCode);

        var outcome = (await _cli.RunAsync("flows", "add", name, "--sign-in-type", "username", "--token-lifetime-minutes", "30", "--password-reset", "HandOff")).ExpectOk();

        Assert.Contains($"Created user flow B2C_1_{name} (SignIn, sign-in with Username).", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("forced password reset", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("keep me signed in", outcome.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(discovery)).StatusCode);
        var flow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + name, default));
        Assert.Equal(30, flow!.AccessAndIdTokenLifetimeMinutes);
        Assert.Equal(IdP.Core.UserFlows.PasswordResetBehavior.HandOff, flow.PasswordResetBehavior);
        Assert.Contains(await AuditAsync(new AuditFilter(Type: AdminEventTypes.UserFlowCreated)), e => e.Policy == flow.Name && e.ClientId == Actor);
    }

    [Fact]
    public async Task Flows_add_with_forced_password_reset_creates_a_flow_with_the_property_on()
    {
        var name = "cli_" + Guid.NewGuid().ToString("N")[..8];

        var created = (await _cli.RunAsync("flows", "add", name, "--forced-password-reset")).ExpectOk();

        var flow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + name, default));
        Assert.True(flow!.ForcedPasswordReset);
        Assert.Contains("\n  forced password reset on", created.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flows_add_with_require_id_token_in_logout_creates_a_flow_with_the_property_on_and_without_it_off()
    {
        var on = "cli_" + Guid.NewGuid().ToString("N")[..8];
        var off = "cli_" + Guid.NewGuid().ToString("N")[..8];

        var createdOn = (await _cli.RunAsync("flows", "add", on, "--require-id-token-in-logout")).ExpectOk();
        var createdOff = (await _cli.RunAsync("flows", "add", off)).ExpectOk();

        var flowOn = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + on, default));
        var flowOff = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + off, default));
        Assert.Equal((true, false), (flowOn!.RequireIdTokenInLogoutRequests, flowOff!.RequireIdTokenInLogoutRequests));
        Assert.Contains("\n  require ID token in logout requests on", createdOn.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("require ID token", createdOff.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flows_add_with_a_single_sign_on_configuration_creates_the_flow_with_it_and_says_so_and_refuses_other_values()
    {
        var scoped = "cli_" + Guid.NewGuid().ToString("N")[..8];
        var plain = "cli_" + Guid.NewGuid().ToString("N")[..8];

        var created = (await _cli.RunAsync("flows", "add", scoped, "--single-sign-on", "application")).ExpectOk();
        var plainOutput = (await _cli.RunAsync("flows", "add", plain)).ExpectOk();
        var refused = (await _cli.RunAsync("flows", "add", "cli_" + Guid.NewGuid().ToString("N")[..8], "--single-sign-on", "Browser")).ExpectFailure(CliExit.Usage);

        var flow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + scoped, default));
        var plainFlow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + plain, default));
        Assert.Equal((SingleSignOnScope.Application, SingleSignOnScope.Tenant), (flow!.SingleSignOnConfiguration, plainFlow!.SingleSignOnConfiguration));
        Assert.Contains("  single sign-on configuration Application", created.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("single sign-on", plainOutput.Out, StringComparison.Ordinal);
        Assert.Contains("error: --single-sign-on: 'Browser' is not one of: Tenant, Application, Policy, Suppressed.", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flows_add_with_mfa_always_on_creates_the_flow_with_it_and_says_so_and_refuses_other_values()
    {
        var mfa = "cli_" + Guid.NewGuid().ToString("N")[..8];
        var plain = "cli_" + Guid.NewGuid().ToString("N")[..8];

        var created = (await _cli.RunAsync("flows", "add", mfa, "--mfa", "alwayson", "--mfa-method", "email")).ExpectOk();
        var plainOutput = (await _cli.RunAsync("flows", "add", plain)).ExpectOk();
        var refused = (await _cli.RunAsync("flows", "add", "cli_" + Guid.NewGuid().ToString("N")[..8], "--mfa", "Conditional")).ExpectFailure(CliExit.Usage);

        var flow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + mfa, default));
        var plainFlow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + plain, default));
        Assert.Equal((MultifactorEnforcement.AlwaysOn, MultifactorEnforcement.Off), (flow!.MultifactorEnforcement, plainFlow!.MultifactorEnforcement));
        Assert.Contains("  multifactor authentication Email, AlwaysOn", created.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("multifactor", plainOutput.Out, StringComparison.Ordinal);
        Assert.Contains("error: --mfa: 'Conditional' is not one of: Off, AlwaysOn.", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flows_add_with_keep_me_signed_in_creates_a_flow_with_its_days_and_refuses_days_out_of_range()
    {
        var name = "cli_" + Guid.NewGuid().ToString("N")[..8];
        var refusedName = "cli_" + Guid.NewGuid().ToString("N")[..8];

        var created = (await _cli.RunAsync("flows", "add", name, "--keep-me-signed-in", "--keep-me-signed-in-days", "7")).ExpectOk();
        var refused = (await _cli.RunAsync("flows", "add", refusedName, "--keep-me-signed-in", "--keep-me-signed-in-days", "120")).ExpectFailure();

        var flow = await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + name, default));
        Assert.Equal((true, 7), (flow!.KeepMeSignedIn, flow.KeepMeSignedInDays));
        Assert.Contains("\n  keep me signed in 7 days", created.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("error: --keep-me-signed-in-days: Keep me signed in session (days) must be between 1 and 90; 120 is out of range.", refused.Error, StringComparison.Ordinal);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + refusedName, default)));
    }

    [Fact]
    public async Task Flows_add_out_of_range_values_are_refused_by_the_flow_rules_naming_the_options()
    {
        var name = "cli_" + Guid.NewGuid().ToString("N")[..8];

        var refused = (await _cli.RunAsync("flows", "add", name, "--token-lifetime-minutes", "2", "--claim", "shoe_size")).ExpectFailure();

        Assert.Contains("error: --token-lifetime-minutes: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("error: --claim: 'shoe_size' is not an application claim", refused.Error, StringComparison.Ordinal);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_" + name, default)));
    }

    [Fact]
    public async Task Users_import_reports_each_line_creates_the_good_ones_and_exits_1_when_a_line_failed()
    {
        var ada = $"ada-{Guid.NewGuid():N}@example.com";
        var grace = $"grace-{Guid.NewGuid():N}@example.com";
        var file = Path.Combine(Directory.CreateTempSubdirectory("idp-import-").FullName, "users.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            JsonSerializer.Serialize(new { signInEmail = ada, password = "Blue-Kettle-Sings-7", displayName = "Ada" }),
            "",
            JsonSerializer.Serialize(new { signInEmail = $"weak-{Guid.NewGuid():N}@example.com", password = "password" }),
            "{not json",
            JsonSerializer.Serialize(new
            {
                displayName = "Grace",
                identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = grace } },
                passwordProfile = new { password = "Golden-Badger-Hums-8", forceChangePasswordNextSignIn = false },
            }),
        ]);

        var outcome = (await _cli.RunAsync("users", "import", file)).ExpectFailure();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        var lines = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var adaAccount = await FindAccountAsync(ada);
        var graceAccount = await FindAccountAsync(grace);
        Assert.Equal($"line 1: created {adaAccount.Id}", lines[0]);
        Assert.StartsWith("line 3: failed: password: ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("line 4: failed: ", lines[2], StringComparison.Ordinal);
        Assert.Equal($"line 5: created {graceAccount.Id}", lines[3]);
        Assert.Equal($"Imported {file}: 2 created, 2 failed.", lines[4]);
        Assert.Contains("error: 2 of 4 users were not created", outcome.Error, StringComparison.Ordinal);
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        Assert.Equal(200, (await browser.SignInAndRedeemAsync(client, new TestUser(grace, "Golden-Badger-Hums-8", graceAccount))).Status);
        Assert.Contains(await AuditAsync(new AuditFilter(AccountId: adaAccount.Id)), e => e.Type == AdminEventTypes.UserCreated && e.ClientId == Actor);
    }

    [Fact]
    public async Task Users_import_from_standard_input_exits_0_when_every_line_created_its_user()
    {
        var email = $"stdin-{Guid.NewGuid():N}@example.com";

        var outcome = (await _cli.RunAsync(["users", "import", "-"], JsonSerializer.Serialize(new { signInEmail = email, password = "Blue-Kettle-Sings-7" }) + "\n")).ExpectOk();
        var missing = (await _cli.RunAsync("users", "import", Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".jsonl"))).ExpectFailure();
        var empty = (await _cli.RunAsync(["users", "import", "-"], "\n\n")).ExpectFailure();

        Assert.Contains("Imported standard input: 1 created, 0 failed.", outcome.Out, StringComparison.Ordinal);
        await FindAccountAsync(email);
        Assert.Contains("error: FILE: cannot read", missing.Error, StringComparison.Ordinal);
        Assert.Contains("error: FILE: The file has no users", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_import_makes_the_password_of_a_line_asking_for_it_temporary_in_either_shape()
    {
        var graph = $"temp-g-{Guid.NewGuid():N}@example.com";
        var ours = $"temp-o-{Guid.NewGuid():N}@example.com";
        var lines = string.Join('\n',
            JsonSerializer.Serialize(new { identities = new[] { new { signInType = "emailAddress", issuer = IdPFactory.TenantDomain, issuerAssignedId = graph } }, passwordProfile = new { password = "Golden-Badger-Hums-8", forceChangePasswordNextSignIn = true } }),
            JsonSerializer.Serialize(new { signInEmail = ours, password = "Blue-Kettle-Sings-7", forceChangePasswordNextSignIn = true }));

        (await _cli.RunAsync(["users", "import", "-"], lines + "\n")).ExpectOk();

        Assert.True((await FindAccountAsync(graph)).ForceChangePasswordNextSignIn);
        Assert.True((await FindAccountAsync(ours)).ForceChangePasswordNextSignIn);
    }

    [Fact]
    public async Task Settings_password_reset_switches_the_link_on_the_sign_in_page_and_takes_a_group_by_name()
    {
        var client = await factory.RegisterClientAsync();
        var groupName = "SSPR " + Guid.NewGuid().ToString("N")[..6];
        var group = Assert.IsType<AdminResult<GroupDetails>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<GroupAdministration>().CreateAsync(new GroupInput { Name = groupName }, "test", default))).Value;
        try
        {
            (await _cli.RunAsync("settings", "password-reset", "None")).ExpectOk();
            Assert.Null(await ForgotPasswordLinkAsync(client));

            var all = (await _cli.RunAsync("settings", "password-reset", "All")).ExpectOk();
            Assert.Equal("Self service password reset enabled: All (was None).", all.Out.Trim());
            Assert.NotNull(await ForgotPasswordLinkAsync(client));

            var selected = (await _cli.RunAsync("settings", "password-reset", "selected", "--group", groupName)).ExpectOk();
            Assert.Contains($"Selected (group {groupName}, {group.Id})", selected.Out, StringComparison.Ordinal);
            Assert.Contains($"Selected (group {groupName}, {group.Id})", (await _cli.RunAsync("settings", "password-reset")).ExpectOk().Out, StringComparison.Ordinal);

            Assert.Contains("error: --group: ", (await _cli.RunAsync("settings", "password-reset", "Selected")).ExpectFailure().Error, StringComparison.Ordinal);
            Assert.Contains("error: --group: ", (await _cli.RunAsync("settings", "password-reset", "Selected", "--group", Guid.NewGuid().ToString())).ExpectFailure().Error, StringComparison.Ordinal);
            Assert.Contains("error: --group: there is no group 'nobody'", (await _cli.RunAsync("settings", "password-reset", "Selected", "--group", "nobody")).ExpectFailure().Error, StringComparison.Ordinal);
            Assert.Contains("error: MODE: 'Everyone' is not one of: None, Selected, All.", (await _cli.RunAsync("settings", "password-reset", "Everyone")).ExpectFailure(CliExit.Usage).Error, StringComparison.Ordinal);
            Assert.Contains(await AuditAsync(new AuditFilter(Type: AdminEventTypes.PasswordResetSettingsChanged)), e => e.ClientId == Actor && e.Details!.Contains("None -> All", StringComparison.Ordinal));
        }
        finally
        {
            (await _cli.RunAsync("settings", "password-reset", "None")).ExpectOk();
        }
    }

    [Fact]
    public async Task Keys_rotate_publishes_a_new_signing_key_that_running_servers_add_to_jwks()
    {
        var before = await KidsAsync();

        var outcome = (await _cli.RunAsync("keys", "rotate")).ExpectOk();

        var published = outcome.Out.Split('\n').Single(l => l.StartsWith("Published signing key ", StringComparison.Ordinal)).Split(' ')[3].TrimEnd(':');
        Assert.DoesNotContain(published, before);
        // The running server learns of the key as a second node would: on its next key refresh.
        factory.Clock.Advance(factory.Services.GetRequiredService<IOptions<KeyOptions>>().Value.RefreshInterval);
        var after = before;
        for (var attempt = 0; attempt < 100 && !after.Contains(published); attempt++)
        {
            await Task.Delay(100);
            after = await KidsAsync();
        }

        Assert.Contains(published, after);
        Assert.Superset(before.ToHashSet(), after.ToHashSet());
        Assert.Contains(await AuditAsync(new AuditFilter(Type: AdminEventTypes.KeysRotated)), e => e.ClientId == Actor && e.Details!.Contains(published, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_command_lines_exit_2_with_the_problem_and_where_to_get_help()
    {
        var unknown = (await _cli.RunAsync("admin", "creat")).ExpectFailure(CliExit.Usage);
        var missing = (await _cli.RunAsync("apps", "add", "--name", "x")).ExpectFailure(CliExit.Usage);
        var badEnum = (await _cli.RunAsync("flows", "add", "x", "--type", "2")).ExpectFailure(CliExit.Usage);
        var badTime = (await _cli.RunAsync("apps", "add", "--client-id", "x", "--secret", "--secret-expires", "soon")).ExpectFailure(CliExit.Usage);
        var notNumber = (await _cli.RunAsync("flows", "add", "x", "--token-lifetime-minutes", "ten")).ExpectFailure(CliExit.Usage);
        var customOnly = (await _cli.RunAsync("flows", "add", "x", "--password-min-length", "10")).ExpectFailure(CliExit.Usage);

        Assert.Contains("'creat'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("admin --help' for usage.", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("'--client-id' is required", missing.Error, StringComparison.Ordinal);
        Assert.Contains("error: --type: '2' is not one of: SignIn, PasswordReset.", badEnum.Error, StringComparison.Ordinal);
        Assert.Contains("error: --secret-expires: 'soon' is not a date or time", badTime.Error, StringComparison.Ordinal);
        Assert.Contains("ten", notNumber.Error, StringComparison.Ordinal);
        Assert.Contains("need --password-complexity Custom", customOnly.Error, StringComparison.Ordinal);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<IdP.Core.UserFlows.UserFlowService>().FindAsync("B2C_1_x", default)));
    }

    private async Task<Account> FindAccountAsync(string email) =>
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<Account>>().FindByEmailAsync(email)) ?? throw new InvalidOperationException($"No account {email}.");

    private Task<bool> IsAdministratorAsync(Guid accountId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().IsAdministratorAsync(accountId, default));

    private async Task<bool> IsAdministratorAsync(string email)
    {
        var account = await FindAccountAsync(email);
        return await factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().IsAdministratorAsync(account.Id, default));
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditFilter filter)
    {
        var page = await factory.WithScopeAsync(sp => sp.GetRequiredService<AuditQuery>().FindAsync(filter, 1, 200, default));
        return Assert.IsType<AdminResult<Paged<AuditEntry>>.Done>(page).Value.Items;
    }

    private async Task<string?> ForgotPasswordLinkAsync(OidcClient client)
    {
        using var browser = factory.CreateBrowser();
        return SignInPage.On(browser, await browser.NavigateAsync(client.Authorize().Url)).ForgotPasswordHref;
    }

    private async Task<List<string>> KidsAsync()
    {
        using var http = factory.CreateHttpClient();
        var jwks = await http.GetFromJsonAsync<JsonElement>($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/discovery/v2.0/keys");
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}

public sealed class CliCommandsTestsOnSqlite(IdPFactory<Sqlite> factory) : CliCommandsTests(factory, new Sqlite()), IClassFixture<IdPFactory<Sqlite>>;

public sealed class CliCommandsTestsOnPostgres(IdPFactory<Postgres> factory) : CliCommandsTests(factory, new Postgres()), IClassFixture<IdPFactory<Postgres>>;
