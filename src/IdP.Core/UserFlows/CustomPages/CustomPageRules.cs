using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace IdP.Core.UserFlows.CustomPages;

/// <summary>
/// B2C's rules for custom page content, and ours on top: the template must contain <c>&lt;div id="api"&gt;&lt;/div&gt;</c>
/// (the server renders the page's form there) and no <c>form</c>, <c>iframe</c> or <c>frame</c> element (refused, as in
/// B2C). Our pages' Content-Security-Policy allows no inline script, so instead of B2C's "enable JavaScript" switch
/// the template is sanitised: scripts, event handlers, <c>javascript:</c> URLs, style attributes, <c>base</c>,
/// <c>object</c>/<c>embed</c> and the <c>http-equiv</c> attribute are removed; layout, <c>&lt;style&gt;</c> blocks and https
/// stylesheets, images and fonts stay.
/// </summary>
public static class CustomPageRules
{
    /// <summary>The largest template accepted, in characters (uploaded) or bytes (fetched).</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The id of the element the server renders the form into (B2C's).</summary>
    public const string ApiElementId = "api";

    private static readonly string[] ForbiddenElements = ["form", "iframe", "frame", "frameset"];

    private static readonly string[] LinkRelations = ["stylesheet", "icon", "shortcut", "preconnect", "preload", "apple-touch-icon"];

    /// <summary>Checks and sanitises a template; refused templates carry a reason an administrator can act on.</summary>
    public static CustomPageCheck Check(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return new CustomPageCheck.Refused(new(CustomPageFailure.Empty));
        }

        if (html.Length > MaxLength)
        {
            return new CustomPageCheck.Refused(CustomPageProblem.TooLarge(MaxLength / 1024));
        }

        var document = new HtmlParser().ParseDocument(html);
        // The raw text too: the parser drops a frameset or frame it finds in a body, which a browser given the same
        // markup might not.
        var forbidden = ForbiddenElements
            .Where(name => document.QuerySelector(name) is not null || Regex.IsMatch(html, $@"<\s*{name}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .ToList();
        if (forbidden.Count > 0)
        {
            return new CustomPageCheck.Refused(new(CustomPageFailure.ForbiddenElements, string.Join(", ", forbidden.Select(f => $"<{f}>"))));
        }

        if (document.GetElementById(ApiElementId) is not { LocalName: "div" })
        {
            return new CustomPageCheck.Refused(new(CustomPageFailure.NoApiElement));
        }

        var removed = new SortedSet<string>(StringComparer.Ordinal);
        var sanitizer = CreateSanitizer(removed);
        var clean = new HtmlParser().ParseDocument(sanitizer.SanitizeDocument(html));
        if (clean.GetElementById(ApiElementId) is not { LocalName: "div" } api)
        {
            return new CustomPageCheck.Refused(new(CustomPageFailure.NoApiElement));
        }

        // The server's content replaces whatever the template put there.
        api.InnerHtml = "";
        foreach (var comment in clean.Descendants<IComment>().ToList())
        {
            comment.Remove();
        }

        return new CustomPageCheck.Accepted("<!DOCTYPE html>\n" + clean.DocumentElement.OuterHtml, [.. removed]);
    }

    private static HtmlSanitizer CreateSanitizer(SortedSet<string> removed)
    {
        var tags = new HashSet<string>(HtmlSanitizerDefaults.AllowedTags, StringComparer.OrdinalIgnoreCase)
        {
            "html", "head", "body", "title", "meta", "link", "style", "main", "header", "footer", "nav", "section", "article", "aside", "figure", "figcaption", "picture", "source",
        };
        foreach (var tag in ForbiddenElements.Concat(["script", "noscript", "object", "embed", "base", "input", "button", "select", "textarea", "option", "svg", "math", "template"]))
        {
            tags.Remove(tag);
        }

        // Not http-equiv (HtmlSanitizer's defaults leave it out too): it could refresh, redirect, set a cookie or a
        // policy. A <meta> keeps only its character set and named metadata (viewport, description).
        var attributes = new HashSet<string>(HtmlSanitizerDefaults.AllowedAttributes, StringComparer.OrdinalIgnoreCase)
        {
            "id", "class", "role", "lang", "dir", "rel", "href", "src", "srcset", "sizes", "alt", "title", "name", "content", "charset", "media", "type",
            "crossorigin", "integrity", "referrerpolicy", "hreflang", "width", "height", "loading", "decoding",
            "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-live", "aria-current",
        };
        attributes.Remove("style");

        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = tags,
            AllowedAttributes = attributes,
            AllowedSchemes = new HashSet<string>(["https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "srcset", "action", "background", "poster", "cite"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = HtmlSanitizerDefaults.AllowedCssProperties,
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(
                [AngleSharp.Css.Dom.CssRuleType.Style, AngleSharp.Css.Dom.CssRuleType.Media, AngleSharp.Css.Dom.CssRuleType.FontFace, AngleSharp.Css.Dom.CssRuleType.Keyframes, AngleSharp.Css.Dom.CssRuleType.Keyframe]),
        })
        {
            // A removed element goes with its content: a script's text must not turn into visible text either.
            AllowDataAttributes = true,
            KeepChildNodes = false,
        };

        sanitizer.RemovingTag += (_, e) => removed.Add($"<{e.Tag.LocalName}>");
        sanitizer.RemovingAttribute += (_, e) => removed.Add($"{e.Attribute.Name} attribute");
        sanitizer.RemovingStyle += (_, e) => removed.Add($"CSS {e.Style.Name}");
        sanitizer.PostProcessNode += (_, e) =>
        {
            switch (e.Node)
            {
                // Only stylesheets, icons and hints: no prefetching of our own pages, no alternate documents.
                case IElement { LocalName: "link" } link when !AllowedLink(link):
                    removed.Add("<link> other than a stylesheet or icon on https");
                    link.Remove();
                    break;
                case IElement { LocalName: "a" } anchor:
                    anchor.SetAttribute("rel", "noopener noreferrer");
                    break;
            }
        };
        return sanitizer;
    }

    private static bool AllowedLink(IElement link)
    {
        var rel = link.GetAttribute("rel")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var href = link.GetAttribute("href");
        return rel.Length > 0 && rel.All(r => LinkRelations.Contains(r, StringComparer.OrdinalIgnoreCase))
            && href is not null && href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The outcome of checking a custom page template.</summary>
public abstract record CustomPageCheck
{
    private CustomPageCheck()
    {
    }

    /// <summary>The template as it will be served (sanitised), and what was removed from it.</summary>
    public sealed record Accepted(string Html, IReadOnlyList<string> Removed) : CustomPageCheck;

    /// <summary>The template cannot be used, and why.</summary>
    public sealed record Refused(CustomPageProblem Problem) : CustomPageCheck;
}
