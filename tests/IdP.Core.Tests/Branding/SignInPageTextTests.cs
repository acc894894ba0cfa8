using IdP.Core.Branding;

namespace IdP.Core.Tests.Branding;

public sealed class SignInPageTextTests
{
    [Fact]
    public void The_markdown_subset_becomes_html()
    {
        var html = SignInPageText.ToHtml("**Contoso** staff *only*.\n\n- one\n- two\n\nHelp: [support](https://contoso.test/help)");
        Assert.Contains("<strong>Contoso</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>only</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://contoso.test/help\" rel=\"noopener noreferrer nofollow\">support</a>", html, StringComparison.Ordinal);
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
    public void Typed_html_is_shown_as_text()
    {
        var html = SignInPageText.ToHtml("Use <b>your</b> badge");
        Assert.Contains("&lt;b&gt;your&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_and_headings_keep_only_their_text()
    {
        var html = SignInPageText.ToHtml("# Welcome\n\n![logo](https://contoso.test/logo.png)");
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Welcome", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void No_text_is_no_html() => Assert.Equal("", SignInPageText.ToHtml("  "));
}
