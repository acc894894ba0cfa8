namespace IdP.Server.Tenancy;

internal static class TenancyServiceCollectionExtensions
{
    /// <summary>The tenant (from <c>IdP:Tenant</c> on first start) and its user flows.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddOptions<TenantOptions>().BindConfiguration(TenantOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<TenantService>();
        services.AddScoped<UserFlowService>();
        services.AddSingleton<TenantCache>();
        services.AddSingleton<UserFlowCache>();
        return services;
    }
}
