namespace IdP.Server.Accounts;

internal static class AccountsServiceCollectionExtensions
{
    /// <summary>Local accounts: ASP.NET Core Identity for storage and hashing, our services for creation, standing, password changes and signing an account out everywhere.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<PasswordHashingOptions>().BindConfiguration(PasswordHashingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<PasswordHashingOptions>>((hasher, hashing) =>
        {
            hasher.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            hasher.IterationCount = hashing.Value.HashIterations;
        });

        // Stateless, so one instance serves all (and DummyPasswordHash, a singleton, can use it: same cost as real hashes).
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddIdentityCore<Account>(options =>
            {
                options.User.RequireUniqueEmail = false;
                // Our password rules are per user flow (IdP.Core.Passwords.PasswordRules); Identity's global ones are off.
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                // Lockout is per sign-in name in SignInThrottles (unknown names lock out too); Identity's is unused.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdPDbContext>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountStanding>();
        services.AddScoped<AccountSignOut>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<IGrantRevocation, OpenIddictGrantRevocation>();
        return services;
    }
}
