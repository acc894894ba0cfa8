using Ganss.Xss;
using Markdig;

namespace IdP.Core.Branding;

/// <summary>
/// Renders the sign-in page text: a small markdown subset (paragraphs, line breaks, <c>**bold**</c>, <c>*italic*</c>,
/// lists, <c>[links](https://…)</c>) to HTML. HTML typed into the text is shown as text, never markup, and the result
/// is sanitised to those few elements, so branding text can never run script or restyle the page.
/// </summary>
public static class SignInPageText
{
    /// <summary>The longest text (Azure AD company branding's limit).</summary>
    public const int MaxLength = 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The text as safe HTML (empty for no text).</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "strong", "em", "ul", "ol", "li", "a"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["https", "http", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            // Elements outside the subset (an image, a heading) keep their text rather than vanish.
            KeepChildNodes = true,
        };

        // Links leave the sign-in page without telling the destination where the user came from or giving it the opener.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
