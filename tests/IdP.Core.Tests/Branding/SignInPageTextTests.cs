using IdP.Core.Branding;

namespace IdP.Core.Tests.Branding;

public sealed class SignInPageTextTests
{
    /// <summary>What the text becomes: the markdown subset as HTML, everything else as text.</summary>
    public static TheoryData<string, string[], string[]> Renderings => new()
    {
        // The markdown subset becomes html.
        {
            "**Contoso** staff *only*.\n\n- one\n- two\n\nHelp: [support](https://contoso.test/help)",
            ["<strong>Contoso</strong>", "<em>only</em>", "<li>one</li>", "<a href=\"https://contoso.test/help\" rel=\"noopener noreferrer nofollow\">support</a>"],
            []
        },
        // Typed html is shown as text.
        { "Use <b>your</b> badge", ["&lt;b&gt;your&lt;/b&gt;"], [] },
        // Images and headings keep only their text.
        { "# Welcome\n\n![logo](https://contoso.test/logo.png)", ["Welcome"], ["<h1", "<img"] },
    };

    [Theory]
    [MemberData(nameof(Renderings))]
    public void The_markdown_subset_becomes_html_and_the_rest_text(string typed, string[] present, string[] absent)
    {
        var html = SignInPageText.ToHtml(typed);
        Assert.All(present, fragment => Assert.Contains(fragment, html, StringComparison.Ordinal));
        Assert.All(absent, fragment => Assert.DoesNotContain(fragment, html, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"https://x.test\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void Html_and_script_typed_into_the_text_never_become_markup(string typed)
    {
        var html = SignInPageText.ToHtml(typed);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]*\son\w+\s*=", html);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_text_is_no_html() => Assert.Equal("", SignInPageText.ToHtml("  "));

    [Theory]
    [InlineData("1. one\n2. two", "<ol>")]
    [InlineData("first line\nsecond line", "<br>")]
    [InlineData("[write to us](mailto:help@contoso.test)", "href=\"mailto:help@contoso.test\"")]
    [InlineData("[intranet](http://intranet.contoso.test/)", "href=\"http://intranet.contoso.test/\"")]
    public void Numbered_lists_line_breaks_and_mail_and_http_links_are_kept(string typed, string fragment) =>
        Assert.Contains(fragment, SignInPageText.ToHtml(typed), StringComparison.Ordinal);
}
