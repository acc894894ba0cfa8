using System.Text.RegularExpressions;
using System.Xml;

namespace IdP.Core.Branding;

/// <summary>
/// Whether an SVG is safe to serve from our origin: no script, no event handler attributes, no link or reference to
/// anything outside the document (which could load script or track readers), no embedded HTML, no DTD (entity
/// expansion). Also reads its size from <c>width</c>/<c>height</c> or the <c>viewBox</c>.
/// </summary>
internal static partial class SvgCheck
{
    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "iframe", "frame", "embed", "object", "handler", "listener", "audio", "video",
    };

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Safe((int Width, int Height)? Size) : Result;

        public sealed record Unsafe(string Reason) : Result;

        public sealed record Malformed : Result;
    }

    /// <summary>True when the content is text whose first element looks like an <c>svg</c> root.</summary>
    public static bool LooksLikeSvg(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]);
        return head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }

    public static Result Check(ReadOnlySpan<byte> content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            using var stream = new MemoryStream(content.ToArray());
            using var reader = XmlReader.Create(stream, settings);
            (int, int)? size = null;
            var sawRoot = false;
            var inStyle = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (!sawRoot)
                    {
                        if (!string.Equals(reader.LocalName, "svg", StringComparison.Ordinal))
                        {
                            return new Result.Malformed();
                        }

                        sawRoot = true;
                        size = SizeOf(reader.GetAttribute("width"), reader.GetAttribute("height"), reader.GetAttribute("viewBox"));
                    }

                    if (ForbiddenElements.Contains(reader.LocalName))
                    {
                        return new Result.Unsafe(AdminText.SvgElement(reader.LocalName));
                    }

                    inStyle = string.Equals(reader.LocalName, "style", StringComparison.OrdinalIgnoreCase) && !reader.IsEmptyElement;
                    if (CheckAttributes(reader) is { } reason)
                    {
                        return new Result.Unsafe(reason);
                    }
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && inStyle && UnsafeCss(reader.Value))
                {
                    return new Result.Unsafe(AdminText.SvgStyleLoads);
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    inStyle = false;
                }
            }

            return sawRoot ? new Result.Safe(size) : new Result.Malformed();
        }
        catch (XmlException exception) when (exception.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return new Result.Unsafe(AdminText.SvgDtd);
        }
        catch (XmlException)
        {
            return new Result.Malformed();
        }
    }

    private static string? CheckAttributes(XmlReader reader)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return null;
        }

        do
        {
            var name = reader.LocalName;
            var value = reader.Value.Trim();
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return AdminText.SvgEventHandler(reader.Name);
            }

            if (value.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                return AdminText.SvgJavascriptUrl;
            }

            if (string.Equals(name, "href", StringComparison.OrdinalIgnoreCase) && !value.StartsWith('#') && !IsRasterDataUrl(value))
            {
                return AdminText.SvgExternalReference(Shorten(value));
            }

            if (string.Equals(name, "style", StringComparison.OrdinalIgnoreCase) && UnsafeCss(value))
            {
                return AdminText.SvgStyleLoads;
            }
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
        return null;
    }

    // Embedded PNG/JPEG/GIF pictures are pictures; an embedded SVG or HTML document is not allowed.
    private static bool IsRasterDataUrl(string value) =>
        value.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("data:image/gif", StringComparison.OrdinalIgnoreCase);

    private static bool UnsafeCss(string css) =>
        css.Contains("@import", StringComparison.OrdinalIgnoreCase) || css.Contains("expression(", StringComparison.OrdinalIgnoreCase)
        || ExternalUrl().IsMatch(css);

    [GeneratedRegex(@"url\(\s*['""]?\s*(?!#)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static (int Width, int Height)? SizeOf(string? width, string? height, string? viewBox)
    {
        if (Pixels(width) is { } w && Pixels(height) is { } h)
        {
            return (w, h);
        }

        var parts = (viewBox ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 4 && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var vw)
            && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var vh) && vw is > 0 and < 100_000 && vh is > 0 and < 100_000)
        {
            return ((int)Math.Ceiling(vw), (int)Math.Ceiling(vh));
        }

        return null;
    }

    private static int? Pixels(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.EndsWith("px", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^2];
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pixels) && pixels is > 0 and < 100_000 ? (int)Math.Ceiling(pixels) : null;
    }
}
