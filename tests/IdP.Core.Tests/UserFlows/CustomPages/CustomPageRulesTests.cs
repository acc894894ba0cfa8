using IdP.Core.UserFlows.CustomPages;

namespace IdP.Core.Tests.UserFlows.CustomPages;

/// <summary>
/// A custom page template is served on our origin around our sign-in form, so it may not bring its own form or frame,
/// and it loses script, handlers, inline styles and anything that could redirect (until mutation testing showed it, only
/// the server suite checked these rules).
/// </summary>
public sealed class CustomPageRulesTests
{
    private const string Api = """<div id="api"></div>""";

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void An_empty_template_is_refused(string? html) =>
        Assert.Equal(CustomPageFailure.Empty, Refused(html).Reason);

    [Fact]
    public void A_template_of_more_than_256_KB_is_refused()
    {
        var page = $"<html><body>{Api}<p>";
        var exactly = page + new string('a', CustomPageRules.MaxLength - page.Length);

        Assert.IsType<CustomPageCheck.Accepted>(CustomPageRules.Check(exactly));
        Assert.Equal(new CustomPageProblem(CustomPageFailure.TooLarge, "256"), Refused(exactly + "a"));
    }

    [Theory]
    [InlineData("<form action=\"https://evil.test/\"><input name=\"password\"></form>", "<form>")]
    [InlineData("<iframe src=\"https://evil.test/\"></iframe>", "<iframe>")]
    [InlineData("<frame src=\"https://evil.test/\">", "<frame>")]
    [InlineData("<frameset><frame src=\"https://evil.test/\"></frameset>", "<frame>, <frameset>")]
    [InlineData("< FORM>", "<form>")]
    public void Forms_and_frames_are_refused_by_name(string markup, string detail) =>
        Assert.Equal(new CustomPageProblem(CustomPageFailure.ForbiddenElements, detail), Refused($"<html><body>{Api}{markup}</body></html>"));

    [Theory]
    [InlineData("<html><body><p>no api element</p></body></html>")]
    [InlineData("<html><body><span id=\"api\"></span></body></html>")]
    [InlineData("<html><body><script><div id=\"api\"></div></script></body></html>")]
    public void A_template_needs_the_api_div(string html) =>
        Assert.Equal(CustomPageFailure.NoApiElement, Refused(html).Reason);

    [Fact]
    public void Script_handlers_styles_and_redirects_are_removed_and_reported()
    {
        var accepted = Accepted("""
            <html><head>
            <meta http-equiv="refresh" content="0;url=https://evil.test/"><meta name="viewport" content="width=device-width">
            <base href="https://evil.test/">
            <link rel="stylesheet" href="https://cdn.contoso.test/site.css">
            <link rel="stylesheet" href="http://cdn.contoso.test/plain.css">
            <link rel="prefetch" href="https://contoso.test/next">
            <script>alert(1)</script>
            </head><body>
            <!-- a comment -->
            <div id="api">placeholder</div>
            <p onclick="alert(1)" style="color:red">Hello</p>
            <a href="javascript:alert(1)">bad</a><a href="https://contoso.test/help">help</a>
            </body></html>
            """);

        Assert.StartsWith("<!DOCTYPE html>\n<html>", accepted.Html, StringComparison.Ordinal);
        Assert.Contains("""<div id="api"></div>""", accepted.Html, StringComparison.Ordinal);
        Assert.Contains("""<link rel="stylesheet" href="https://cdn.contoso.test/site.css">""", accepted.Html, StringComparison.Ordinal);
        Assert.Contains("""<meta name="viewport" content="width=device-width">""", accepted.Html, StringComparison.Ordinal);
        Assert.Contains("""<a href="https://contoso.test/help" rel="noopener noreferrer">help</a>""", accepted.Html, StringComparison.Ordinal);
        foreach (var gone in new[] { "placeholder", "http-equiv", "<base", "plain.css", "prefetch", "alert", "onclick", "style=", "a comment" })
        {
            Assert.DoesNotContain(gone, accepted.Html, StringComparison.Ordinal);
        }

        Assert.Equal(
            ["<base>", "<link> other than a stylesheet or icon on https", "<script>", "href attribute", "http-equiv attribute", "onclick attribute", "style attribute"],
            accepted.Removed);
    }

    [Theory]
    [InlineData("icon")]
    [InlineData("shortcut icon")]
    [InlineData("preconnect")]
    [InlineData("preload")]
    [InlineData("apple-touch-icon")]
    public void Icons_and_hints_on_https_stay(string rel) =>
        Assert.Contains($"""<link rel="{rel}" href="https://cdn.contoso.test/x">""", Accepted($"""<html><head><link rel="{rel}" href="https://cdn.contoso.test/x"></head><body>{Api}</body></html>""").Html, StringComparison.Ordinal);

    [Theory]
    [InlineData("""<img src="http://tracker.test/p.png" alt="x">""", "src attribute")]
    [InlineData("""<img srcset="http://tracker.test/p.png 2x" alt="x">""", "srcset attribute")]
    [InlineData("""<table background="javascript:alert(1)"><tr><td>x</td></tr></table>""", "background attribute")]
    [InlineData("""<blockquote cite="javascript:alert(1)">x</blockquote>""", "cite attribute")]
    public void Urls_in_any_url_attribute_must_be_https(string markup, string removed)
    {
        var accepted = Accepted($"<html><body>{Api}{markup}</body></html>");

        Assert.Contains(removed, accepted.Removed);
        Assert.DoesNotContain("tracker.test", accepted.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", accepted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Https_images_mail_links_and_data_attributes_stay() =>
        Assert.Contains(
            """<img src="https://cdn.contoso.test/logo.png" data-theme="dark"><a href="mailto:help@contoso.test" rel="noopener noreferrer">mail</a>""",
            Accepted($"""<html><body>{Api}<img src="https://cdn.contoso.test/logo.png" data-theme="dark"><a href="mailto:help@contoso.test">mail</a></body></html>""").Html,
            StringComparison.Ordinal);

    private static CustomPageProblem Refused(string? html) => Assert.IsType<CustomPageCheck.Refused>(CustomPageRules.Check(html)).Problem;

    private static CustomPageCheck.Accepted Accepted(string html) => Assert.IsType<CustomPageCheck.Accepted>(CustomPageRules.Check(html));
}
