namespace IdP.Server.Limits;

internal static class LimitsServiceCollectionExtensions
{
    /// <summary>Per-client abuse limits (<c>IdP:Limits</c>), counted in the database.</summary>
    public static IServiceCollection AddAbuseLimits(this IServiceCollection services)
    {
        services.AddOptions<AbuseLimitOptions>().BindConfiguration(AbuseLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AbuseLimitOptions>, AbuseLimitOptionsValidator>();
        services.AddScoped<RateLimitStore>();
        services.AddScoped<AbuseLimiter>();
        services.AddScoped<IHousekeepingTask, RateLimitHousekeeping>();
        services.AddOpenIddict().AddServer(options => options
            .AddEventHandler(LimitTokenRequests.ValidateDescriptor)
            .AddEventHandler(LimitTokenRequests.ApplyDescriptor));
        return services;
    }
}
