using SixLabors.ImageSharp;

namespace IdP.Core.Branding;

/// <summary>
/// Which uploads branding accepts: PNG, JPEG, GIF or SVG, recognised by their content (never by the name or the declared
/// type), within the limits of each <see cref="BrandingImageKind"/> (Azure AD company branding's), and SVG only without
/// anything that can run script or load something else.
/// </summary>
public static class BrandingImageRules
{
    /// <summary>The most bytes and pixels each image may have.</summary>
    public static ImageLimits LimitsOf(BrandingImageKind kind) => kind switch
    {
        BrandingImageKind.BannerLogo => new ImageLimits(10 * 1024, 280, 60),
        BrandingImageKind.SquareLogo => new ImageLimits(50 * 1024, 240, 240),
        BrandingImageKind.BackgroundImage => new ImageLimits(300 * 1000, 1920, 1080),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The name of an image as the API and messages spell it (<c>banner-logo</c>).</summary>
    public static string NameOf(BrandingImageKind kind) => kind switch
    {
        BrandingImageKind.BannerLogo => "banner-logo",
        BrandingImageKind.SquareLogo => "square-logo",
        BrandingImageKind.BackgroundImage => "background-image",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind an API name (<c>banner-logo</c>) names, or null.</summary>
    public static BrandingImageKind? Parse(string? name) =>
        Enum.GetValues<BrandingImageKind>().Cast<BrandingImageKind?>().FirstOrDefault(k => string.Equals(NameOf(k!.Value), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Accepts the upload (its real type and size) or says why not, in words an operator can act on.</summary>
    public static ImageCheck Check(BrandingImageKind kind, ReadOnlySpan<byte> content)
    {
        var limits = LimitsOf(kind);
        var name = NameOf(kind);
        if (content.IsEmpty)
        {
            return new ImageCheck.Refused(AdminText.ImageEmpty(name));
        }

        if (content.Length > limits.MaxBytes)
        {
            return new ImageCheck.Refused(AdminText.ImageTooLarge(name, content.Length, limits.MaxBytes));
        }

        var type = Sniff(content);
        (int Width, int Height)? size;
        if (type == "image/svg+xml")
        {
            switch (SvgCheck.Check(content))
            {
                case SvgCheck.Result.Unsafe @unsafe:
                    return new ImageCheck.Refused(AdminText.ImageUnsafeSvg(name, @unsafe.Reason));
                case SvgCheck.Result.Safe safe:
                    size = safe.Size;
                    break;
                default:
                    return new ImageCheck.Refused(AdminText.ImageMalformedSvg(name));
            }
        }
        else if (type is null)
        {
            return new ImageCheck.Refused(AdminText.ImageType(name));
        }
        else
        {
            size = Identify(content);
        }

        if (size is not { } pixels)
        {
            return new ImageCheck.Refused(AdminText.ImageUnreadable(name, type));
        }

        if (pixels.Width < 1 || pixels.Height < 1 || pixels.Width > limits.MaxWidth || pixels.Height > limits.MaxHeight)
        {
            return new ImageCheck.Refused(AdminText.ImageDimensions(name, pixels.Width, pixels.Height, limits.MaxWidth, limits.MaxHeight));
        }

        return new ImageCheck.Accepted(type, pixels.Width, pixels.Height);
    }

    // Magic numbers: a file is what its first bytes say, whatever it was called or declared as.
    private static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        return SvgCheck.LooksLikeSvg(content) ? "image/svg+xml" : null;
    }

    private static (int Width, int Height)? Identify(ReadOnlySpan<byte> content)
    {
        try
        {
            var info = Image.Identify(content.ToArray());
            return info is null ? null : (info.Width, info.Height);
        }
        catch (Exception exception) when (exception is ImageFormatException or UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>The limits of one kind of branding image.</summary>
/// <param name="MaxBytes">The largest file.</param>
/// <param name="MaxWidth">The widest image, in pixels.</param>
/// <param name="MaxHeight">The tallest image, in pixels.</param>
public sealed record ImageLimits(int MaxBytes, int MaxWidth, int MaxHeight);

/// <summary>Outcome of checking an upload.</summary>
public abstract record ImageCheck
{
    private ImageCheck()
    {
    }

    /// <summary>The image may be stored: its real media type and size.</summary>
    public sealed record Accepted(string ContentType, int Width, int Height) : ImageCheck;

    /// <summary>The image is refused; the message says why and what is allowed.</summary>
    public sealed record Refused(string Message) : ImageCheck;
}
