namespace IdP.Server.Branding;

/// <summary>
/// The branding a page applies, loaded once per request (the layout, the sign-in page and the error page all ask):
/// the addresses of the logo, icon and theme stylesheet (each carrying a content version, so browsers may cache them
/// for a year), the username hint and the sign-in page text already rendered to safe HTML.
/// </summary>
public sealed partial class PageBranding(TenantService tenants, BrandingService branding, ILogger<PageBranding> logger)
{
    private BrandedPage? _page;

    /// <summary>The branding of the deployment's tenant (the default theme before the tenant exists).</summary>
    public async Task<BrandedPage> GetAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return _page ??= await LoadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Branding is decoration: the error page shown because the database is down must still render.
            Log.BrandingUnavailable(logger, exception.GetType().Name);
            return _page = BrandedPage.Default;
        }
    }

    private async Task<BrandedPage> LoadAsync(CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(cancellationToken);
        if (tenant is null)
        {
            return BrandedPage.Default;
        }

        var details = await branding.GetAsync(cancellationToken);
        return new BrandedPage(
            tenant.DisplayName,
            details.BannerLogo is { } banner ? BrandingEndpoints.ImageUrl(tenant.Name, banner) : null,
            details.SquareLogo is { } square ? BrandingEndpoints.ImageUrl(tenant.Name, square) : null,
            ThemeVersion(details) is { } version ? BrandingEndpoints.ThemeUrl(tenant.Name, version) : null,
            details.UsernameHint,
            SignInPageText.ToHtml(details.SignInPageText))
        {
            Details = details,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(8001, LogLevel.Warning, "The tenant's branding could not be read ({Exception}); the page is shown in the default theme.")]
        public static partial void BrandingUnavailable(ILogger logger, string exception);
    }

    /// <summary>A version of the theme stylesheet that changes whenever what it contains changes; null when there is no theme.</summary>
    internal static string? ThemeVersion(BrandingDetails details)
    {
        if (details.BackgroundColor is null && details.AccentColor is null && details.BackgroundImage is null)
        {
            return null;
        }

        var source = string.Join('|', details.BackgroundColor, details.AccentColor, details.BackgroundImage?.Hash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
    }

    /// <summary>The theme stylesheet: the default theme's custom properties set to the tenant's colours, and the background image.</summary>
    internal static string ThemeCss(string tenantName, BrandingDetails details)
    {
        var css = new StringBuilder("/* Company branding (generated) */\n:root {");
        // Colours are stored normalised (#rrggbb), so they cannot break out of the declaration.
        if (details.BackgroundColor is { } background)
        {
            css.Append(CultureInfo.InvariantCulture, $" --bg: {background};");
        }

        if (details.AccentColor is { } accent)
        {
            css.Append(CultureInfo.InvariantCulture, $" --accent: {accent};");
        }

        css.Append(" }\n");
        if (details.BackgroundImage is { } image)
        {
            css.Append(CultureInfo.InvariantCulture, $"body {{ background-image: url(\"{BrandingEndpoints.ImageUrl(tenantName, image)}\"); background-size: cover; background-position: center; background-attachment: fixed; }}\n");
        }

        return css.ToString();
    }
}

/// <summary>What a page shows of the branding.</summary>
/// <param name="TenantDisplayName">The organisation's name (the logo's text alternative).</param>
/// <param name="BannerLogoUrl">The banner logo's address, or null.</param>
/// <param name="IconUrl">The square logo's address (the page icon), or null.</param>
/// <param name="ThemeUrl">The theme stylesheet's address, or null when colours and background are the default.</param>
/// <param name="UsernameHint">The sign-in name field's placeholder, or null for the default.</param>
/// <param name="SignInPageHtml">The sign-in page text as sanitised HTML; empty for none.</param>
public sealed record BrandedPage(string? TenantDisplayName, string? BannerLogoUrl, string? IconUrl, string? ThemeUrl, string? UsernameHint, string SignInPageHtml)
{
    /// <summary>No tenant yet: the default theme.</summary>
    public static BrandedPage Default { get; } = new(null, null, null, null, null, "");

    /// <summary>The branding as stored.</summary>
    public BrandingDetails Details { get; init; } = BrandingDetails.Default;
}
