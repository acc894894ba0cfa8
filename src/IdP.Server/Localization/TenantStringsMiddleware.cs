namespace IdP.Server.Localization;

/// <summary>Loads the tenant's string overrides for each request that may render a page or an email.</summary>
public static class TenantStringsMiddleware
{
    /// <summary>Loads the overrides for requests that may render a page or an email (not the admin API, health, assets or tokens).</summary>
    public static IApplicationBuilder UseTenantStrings(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (MayRenderPage(context.Request.Path))
            {
                await context.RequestServices.GetRequiredService<TenantStrings>().LoadAsync(context.RequestAborted);
            }

            await next(context);
        });

    /// <summary>
    /// False for requests that never render a page or an email (admin API, health, tokens, branding assets, discovery
    /// and JWKS): they skip the language and string lookups, which read the database.
    /// </summary>
    public static bool MayRenderPage(PathString path) =>
        !path.StartsWithSegments("/admin/api") && !path.StartsWithSegments("/healthz")
        && path.Value?.EndsWith("/token", StringComparison.OrdinalIgnoreCase) != true
        && path.Value?.Contains("/branding/", StringComparison.Ordinal) != true
        && !ProtocolDocumentCache.IsProtocolDocument(path);
}
