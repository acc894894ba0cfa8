namespace IdP.Server.Applications;

internal static class ApplicationsServiceCollectionExtensions
{
    /// <summary>App registrations: the core services, their OpenIddict mirror, and the ones kept in configuration.</summary>
    public static IServiceCollection AddApplications(this IServiceCollection services, bool requireHttps)
    {
        // IdP:Applications is a list; it is bound as one so each entry keeps its index for error messages.
        services.AddOptions<ApplicationsOptions>().Configure<IConfiguration>((options, configuration) => configuration.GetSection(ApplicationsOptions.Section).Bind(options.Items));
        services.AddSingleton(new AppRegistrationPolicy(AllowPlainHttp: !requireHttps));
        services.AddSingleton<ApplicationCache>();
        services.AddScoped<ApplicationDirectory>();
        services.AddScoped<AppRegistrationService>();
        services.AddScoped<IApplicationProtocolStore, OpenIddictProtocolApplications>();
        services.AddScoped<IStartupSeed, ConfiguredApplicationsSeed>();
        return services;
    }
}
