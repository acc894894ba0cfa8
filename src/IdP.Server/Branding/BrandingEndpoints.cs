using Microsoft.Net.Http.Headers;

namespace IdP.Server.Branding;

/// <summary>
/// Serves branding to browsers and mail clients: <c>/{tenant}/branding/{image}</c> (banner-logo, square-logo,
/// background-image) and <c>/{tenant}/branding/theme.css</c>. Addresses carry a content version (<c>?v=</c>): a request
/// for the current version may be cached for a year (immutable); any other revalidates by ETag.
/// </summary>
public static class BrandingEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "public, no-cache";

    // An SVG opened directly (not through <img>) is a document: it gets no script, no styles from elsewhere, nothing.
    private const string ImagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    /// <summary>The address of an uploaded image, versioned by its hash.</summary>
    public static string ImageUrl(string tenantName, BrandingImageDetails image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return $"/{Uri.EscapeDataString(tenantName)}/branding/{BrandingImageRules.NameOf(image.Kind)}?v={image.Hash}";
    }

    /// <summary>The address of the theme stylesheet at a version.</summary>
    public static string ThemeUrl(string tenantName, string version) => $"/{Uri.EscapeDataString(tenantName)}/branding/theme.css?v={version}";

    public static IEndpointRouteBuilder MapBrandingAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/branding/theme.css", ThemeAsync).ExcludeFromDescription();
        app.MapGet("/{tenant}/branding/{image}", ImageAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ThemeAsync(string tenant, string? v, HttpContext context, TenantService tenants, BrandingService branding, CancellationToken cancellationToken)
    {
        var resolved = await tenants.ResolveAsync(tenant, cancellationToken);
        var details = resolved is null ? null : await branding.GetAsync(cancellationToken);
        if (resolved is null || details is null || PageBranding.ThemeVersion(details) is not { } version)
        {
            return Results.NotFound();
        }

        return Cached(context, version, v, "text/css; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(PageBranding.ThemeCss(resolved.Name, details)));
    }

    private static async Task<IResult> ImageAsync(string tenant, string image, string? v, HttpContext context, TenantService tenants, BrandingService branding, CancellationToken cancellationToken)
    {
        if (BrandingImageRules.Parse(image) is not { } kind || await tenants.ResolveAsync(tenant, cancellationToken) is null
            || await branding.GetImageAsync(kind, cancellationToken) is not { } stored)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = ImagePolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Cached(context, stored.Hash, v, stored.ContentType, stored.Content);
    }

    private static IResult Cached(HttpContext context, string version, string? requested, string contentType, byte[] content)
    {
        var etag = new EntityTagHeaderValue($"\"{version}\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        context.Response.Headers.CacheControl = string.Equals(requested, version, StringComparison.Ordinal) ? Immutable : Revalidate;
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(content, contentType);
    }
}
