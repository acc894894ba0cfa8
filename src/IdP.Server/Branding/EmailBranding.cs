using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace IdP.Server.Branding;

/// <summary>
/// What an email shows of the tenant's branding: its colours, and its banner logo at the address this server is reached
/// at (mail clients fetch it like a browser; its URL carries the image's version, so it never changes under a sent mail).
/// </summary>
public sealed class EmailBranding(BrandingService branding, IHttpContextAccessor http)
{
    // Accented letters stay readable in the source of the mail (it is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string DefaultAccent = "#0067b8";
    private const string DefaultBackground = "#f2f2f2";

    /// <summary>The email's banner (logo or name, as markup), accent and background colours.</summary>
    public async Task<BrandedEmail> GetAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var details = await branding.GetAsync(cancellationToken);
        var name = Encoder.Encode(tenant.DisplayName);
        var banner = name;
        if (details.BannerLogo is { } logo && http.HttpContext?.Request is { } request)
        {
            var url = $"{request.Scheme}://{request.Host}{request.PathBase}{BrandingEndpoints.ImageUrl(tenant.Name, logo)}";
            banner = $"<img src=\"{Encoder.Encode(url)}\" alt=\"{name}\" width=\"{logo.Width}\" height=\"{logo.Height}\" "
                + "style=\"display:block;max-width:100%;height:auto;background:#ffffff;padding:6px;border:0;\">";
        }

        return new BrandedEmail(banner, details.AccentColor ?? DefaultAccent, details.BackgroundColor ?? DefaultBackground);
    }
}

/// <summary>The branding of one email.</summary>
/// <param name="BannerHtml">The logo as an <c>img</c> element, or the organisation's name (encoded).</param>
/// <param name="AccentColor">The header's colour (<c>#rrggbb</c>).</param>
/// <param name="BackgroundColor">The background colour (<c>#rrggbb</c>).</param>
public sealed record BrandedEmail(string BannerHtml, string AccentColor, string BackgroundColor);
