namespace IdP.Server.Admin;

/// <summary>
/// The admin API's own client from configuration (<see cref="AdminOptions"/>): bound and validated at start-up and
/// registered by <see cref="AdminApiSeed"/>. Administrators themselves sign in to the portal with an account that holds
/// the administrator role; there are no operator credentials in configuration any more.
/// </summary>
public static class AdminAccess
{
    /// <summary>Binds IdP:Admin and registers the admin API client's seed.</summary>
    public static IServiceCollection AddAdminAccess(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Seeding.IStartupSeed, AdminApiSeed>();
        return services;
    }
}
