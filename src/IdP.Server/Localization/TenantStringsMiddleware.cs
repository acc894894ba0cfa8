using IdP.Server.Protocol;

namespace IdP.Server.Localization;

/// <summary>Loads the tenant's string overrides for each request that may render a page or an email.</summary>
public static class TenantStringsMiddleware
{
    /// <summary>Loads the overrides for requests that may render a page or an email (not the admin API, health, assets or tokens).</summary>
    public static IApplicationBuilder UseTenantStrings(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/admin/api") && !path.StartsWithSegments("/healthz")
                && path.Value?.EndsWith("/token", StringComparison.OrdinalIgnoreCase) != true && path.Value?.Contains("/branding/", StringComparison.Ordinal) != true
                && !ProtocolDocumentCache.IsProtocolDocument(path))
            {
                await context.RequestServices.GetRequiredService<TenantStrings>().LoadAsync(context.RequestAborted);
            }

            await next(context);
        });
}
