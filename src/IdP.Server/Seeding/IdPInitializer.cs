namespace IdP.Server.Seeding;

/// <summary>
/// Brings the database to a usable state before the server listens: migrations, the tenant, the default
/// <c>B2C_1_signin</c> flow, token keys and (when enabled) the demo application and user.
/// </summary>
public sealed class IdPInitializer(
    IdPDbContext db,
    IOptions<DatabaseOptions> database,
    IOptions<TenantOptions> tenantOptions,
    IOptions<DemoOptions> demo,
    TenantService tenants,
    UserFlowService flows,
    AccountService accounts,
    AppRegistrationService applications,
    IEnumerable<IStartupSeed> seeds,
    KeyRing keys,
    IHostEnvironment environment,
    ILogger<IdPInitializer> logger)
{
    /// <summary>The default user flow created on first start.</summary>
    public const string DefaultFlowName = "B2C_1_signin";

    /// <summary>What a server start does: migrations (when on), the tenant, the default flow, keys, feature seeds and the demo.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => InitializeAsync(seedDemo: true, cancellationToken);

    /// <summary>
    /// The same start-up steps; the CLI leaves the demo out, because creating the demo user prints its password and a
    /// command should do only what it says (the server still creates it when it starts).
    /// </summary>
    public async Task InitializeAsync(bool seedDemo, CancellationToken cancellationToken)
    {
        if (database.Value.ApplyMigrations)
        {
            await MigrationHistory.MigrateAsync(db, cancellationToken);
        }

        var tenant = await tenants.EnsureAsync(tenantOptions.Value, cancellationToken);
        if (!await db.UserFlows.AnyAsync(cancellationToken))
        {
            await flows.CreateAsync(new UserFlow { Name = DefaultFlowName, NormalizedName = "" }, cancellationToken);
        }

        await keys.RotateAsync(cancellationToken);

        foreach (var seed in seeds)
        {
            await seed.SeedAsync(tenant, cancellationToken);
        }

        if (seedDemo && demo.Value.Enabled)
        {
            await SeedDemoAsync(demo.Value, cancellationToken);
        }
    }

    /// <summary>Applies every pending migration, whatever <c>IdP:Database:ApplyMigrations</c> says; returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = await MigrationHistory.PendingAsync(db, cancellationToken);
        if (pending.Count > 0)
        {
            await MigrationHistory.MigrateAsync(db, cancellationToken);
        }

        return pending;
    }

    /// <summary>The migrations the database still lacks.</summary>
    public Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken) =>
        MigrationHistory.PendingAsync(db, cancellationToken);

    private async Task SeedDemoAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var app = await applications.SaveAsync(new AppRegistration(options.ClientId, "Demo app")
        {
            RedirectUris = options.EffectiveRedirectUris,
            AllowImplicitIdToken = true,
        }, cancellationToken);
        if (app is AppChange.Invalid appInvalid)
        {
            throw new InvalidOperationException("The demo application could not be registered: " + string.Join(" ", appInvalid.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        if (await accounts.FindBySignInNameAsync(SignInNameKind.Email, options.UserEmail, cancellationToken) is not null)
        {
            return;
        }

        var password = string.IsNullOrEmpty(options.UserPassword) ? GeneratePassword() : options.UserPassword;
        var created = await accounts.CreateAsync(new NewAccount(password)
        {
            SignInEmail = options.UserEmail,
            DisplayName = "Demo User",
            GivenName = "Demo",
            Surname = "User",
        }, cancellationToken);

        if (created is AccountCreation.Invalid invalid)
        {
            throw new InvalidOperationException("The demo user could not be created: " + string.Join(" ", invalid.Errors));
        }

        if (environment.IsDevelopment())
        {
            // Printed once, when the account is created, so a developer can sign in straight away.
            Log.DemoUserCreated(logger, options.UserEmail, string.IsNullOrEmpty(options.UserPassword) ? password : "(the configured IdP:Demo:UserPassword)");
        }
    }

    private static string GeneratePassword() =>
        "Demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "1!";
}

/// <summary>Start-up seeding contributed by a feature (e.g. Run now's built-in application).</summary>
public interface IStartupSeed
{
    Task SeedAsync(Tenant tenant, CancellationToken cancellationToken);
}

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Warning, "Demo user created. Sign in with {Email} / {Password}")]
    public static partial void DemoUserCreated(ILogger logger, string email, string password);
}
