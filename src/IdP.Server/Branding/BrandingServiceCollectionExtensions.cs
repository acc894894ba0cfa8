namespace IdP.Server.Branding;

/// <summary>Company branding: the core service, what pages read of it, and its administration.</summary>
public static class BrandingServiceCollectionExtensions
{
    public static IServiceCollection AddBranding(this IServiceCollection services)
    {
        services.AddScoped<BrandingService>();
        services.AddSingleton<BrandingCache>();
        services.AddScoped<BrandingAdministration>();
        services.AddScoped<PageBranding>();
        services.AddScoped<EmailBranding>();
        return services;
    }
}
