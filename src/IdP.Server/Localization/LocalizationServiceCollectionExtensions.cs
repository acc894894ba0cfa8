namespace IdP.Server.Localization;

/// <summary>Resource-file localization with the tenant's string overrides on top.</summary>
public static class LocalizationServiceCollectionExtensions
{
    public static IServiceCollection AddFlowLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, OverridingStringLocalizerFactory>();
        services.AddSingleton<IStringCatalog, StringCatalog>();
        services.AddScoped<StringOverrideService>();
        services.AddScoped<TenantStrings>();
        return services;
    }
}
