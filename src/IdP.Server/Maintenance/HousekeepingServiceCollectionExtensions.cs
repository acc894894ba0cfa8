namespace IdP.Server.Maintenance;

internal static class HousekeepingServiceCollectionExtensions
{
    public static IServiceCollection AddHousekeeping(this IServiceCollection services)
    {
        services.AddOptions<HousekeepingOptions>().BindConfiguration(HousekeepingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Housekeeping>();
        services.AddHostedService<HousekeepingWorker>();
        return services;
    }
}
