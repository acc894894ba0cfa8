namespace IdP.Core.Branding;

/// <summary>
/// The tenant's company branding as administrators set it: colours and texts here, the images as
/// <see cref="BrandingImage"/> rows. One row per tenant; absent until an administrator first saves it.
/// </summary>
public sealed class TenantBranding
{
    /// <summary>The tenant this branding belongs to (also the key).</summary>
    public Guid TenantId { get; set; }

    /// <summary>The page background colour, <c>#rrggbb</c>; null for the default theme's.</summary>
    public string? BackgroundColor { get; set; }

    /// <summary>The accent colour of buttons, links and focus outlines, <c>#rrggbb</c>; null for the default theme's.</summary>
    public string? AccentColor { get; set; }

    /// <summary>Text shown under the sign-in form: a small markdown subset, rendered sanitised (never HTML as typed).</summary>
    public string? SignInPageText { get; set; }

    /// <summary>The placeholder of the sign-in name field (<c>#signInName</c>).</summary>
    public string? UsernameHint { get; set; }

    /// <summary>The language of pages and emails when neither the app (<c>ui_locales</c>) nor the browser asks for a supported one; null for English.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>When an administrator last changed the branding (texts, colours or an image).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One uploaded branding image, stored in the database so every node serves the same bytes.</summary>
public sealed class BrandingImage
{
    /// <summary>The tenant the image belongs to.</summary>
    public Guid TenantId { get; set; }

    /// <summary>Which image this is.</summary>
    public BrandingImageKind Kind { get; set; }

    /// <summary>The media type it is served with (<c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c>, <c>image/svg+xml</c>).</summary>
    public required string ContentType { get; set; }

    /// <summary>The image as uploaded.</summary>
    public required byte[] Content { get; set; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; set; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; set; }

    /// <summary>A hash of the content: the ETag and the version in the image's URL, so caches may keep it for a year.</summary>
    public required string Hash { get; set; }

    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The images company branding has.</summary>
public enum BrandingImageKind
{
    /// <summary>The wide logo at the top of every page and email (at most 280×60 px, 10 KB).</summary>
    BannerLogo,

    /// <summary>The square logo, used as the pages' icon (at most 240×240 px, 50 KB).</summary>
    SquareLogo,

    /// <summary>The page background image (at most 1920×1080 px, 300 KB).</summary>
    BackgroundImage,
}
