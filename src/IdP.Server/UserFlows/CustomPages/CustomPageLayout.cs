using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IdP.Core.UserFlows.CustomPages;

namespace IdP.Server.UserFlows.CustomPages;

/// <summary>
/// A flow's custom page template cut where the layout writes its own parts: <see cref="Start"/> (up to the inside of
/// <c>&lt;head&gt;</c>, with <c>&lt;html lang&gt;</c> set), then the layout's head elements (charset, title, our stylesheet,
/// which the template's own styles follow and so override), <see cref="Middle"/> (the rest of the template up to
/// <c>&lt;div id="api"&gt;</c>), the page's content (its own <c>div#api</c> with the B2C ids), then <see cref="End"/>.
/// </summary>
public sealed record CustomPageLayout(string Start, string Middle, string End, string ContentSecurityPolicy)
{
    /// <summary>The view data key journey pages put their flow's template under.</summary>
    public const string ViewDataKey = "CustomPageContent";

    private const string HeadMarker = "idp-layout-head-3f1c";
    private const string ApiMarker = "idp-layout-api-3f1c";

    /// <summary>Cuts a stored (already sanitised) template for a page in <paramref name="language"/>.</summary>
    public static CustomPageLayout Of(string template, string language)
    {
        var document = new HtmlParser().ParseDocument(template);
        document.DocumentElement.SetAttribute("lang", language);
        foreach (var title in document.Head!.QuerySelectorAll("title").ToList())
        {
            title.Remove(); // The page's own (localised) title is written by the layout.
        }

        document.Head.Prepend(document.CreateComment(HeadMarker));
        var api = document.GetElementById(CustomPageRules.ApiElementId)
            ?? throw new InvalidOperationException("A stored custom page template has no div#api.");
        api.Replace(document.CreateComment(ApiMarker));

        var html = "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml;
        var head = html.Split($"<!--{HeadMarker}-->");
        var body = head[1].Split($"<!--{ApiMarker}-->");
        return new(head[0], body[0], body[1], Policy(document));
    }

    // Our page policy, plus https stylesheets, images and fonts (the template's), and its <style> blocks by hash: still
    // no inline script, no inline style attributes (the sanitiser removed them anyway), no framing.
    private static string Policy(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        var hashes = document.QuerySelectorAll("style")
            .Select(style => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.TextContent)))}'")
            .Distinct();
        return $"default-src 'none'; script-src 'self'; style-src 'self' https:{string.Concat(hashes)}; img-src 'self' data: https:; font-src 'self' https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }
}
