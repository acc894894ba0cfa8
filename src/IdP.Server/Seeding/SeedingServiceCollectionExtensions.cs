namespace IdP.Server.Seeding;

internal static class SeedingServiceCollectionExtensions
{
    /// <summary>Start-up initialisation (migrations, tenant, default flow, keys, feature seeds) and the demo data.</summary>
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IdPInitializer>();
        return services;
    }
}
