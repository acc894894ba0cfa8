using System.Text;
using IdP.Core.Branding;

namespace IdP.Core.Tests.Branding;

/// <summary>
/// An uploaded SVG is served from our origin, so every way it could run script or load something is refused (found by
/// mutation testing: most forbidden elements, the style element's and attribute's checks and the embedded-picture
/// exception could be dropped without a unit test noticing).
/// </summary>
public sealed class SvgSafetyTests
{
    private const string Open = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">""";

    [Theory]
    [InlineData("script")]
    [InlineData("foreignObject")]
    [InlineData("iframe")]
    [InlineData("frame")]
    [InlineData("embed")]
    [InlineData("object")]
    [InlineData("handler")]
    [InlineData("listener")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("VIDEO")]
    public void Elements_that_run_or_embed_anything_are_refused(string element) =>
        Assert.Contains($"contains a <{element}> element", Refused($"{Open}<{element}/></svg>"), StringComparison.Ordinal);

    [Theory]
    [InlineData("<style>@import 'https://evil.test/a.css';</style>")]
    [InlineData("<style>rect { width: expression(alert(1)) }</style>")]
    [InlineData("<style><![CDATA[rect { fill: url(https://evil.test/a.svg#p) }]]></style>")]
    [InlineData("""<rect width="5" height="5" style="fill: url('https://evil.test/a.svg#p')"/>""")]
    [InlineData("""<rect width="5" height="5" STYLE="background: url(//evil.test/t.png)"/>""")]
    public void Styles_that_load_anything_are_refused(string content) =>
        Assert.Contains("loads something from outside the image in its style", Refused($"{Open}{content}</svg>"), StringComparison.Ordinal);

    [Theory]
    [InlineData("<style>rect { fill: url(#gradient) }</style><rect width=\"5\" height=\"5\"/>")]
    [InlineData("""<rect width="5" height="5" style="fill: url(#gradient)"/><style/><text>url(https://evil.test) is only text</text>""")]
    [InlineData("""<image width="5" height="5" href="data:image/png;base64,iVBORw0KGgo="/>""")]
    [InlineData("""<image width="5" height="5" xlink:href="data:image/jpeg;base64,/9j/4AAQ"/>""")]
    [InlineData("""<image width="5" height="5" href="DATA:image/gif;base64,R0lGODlh"/>""")]
    [InlineData("""<use href="#shape"/>""")]
    public void Local_references_embedded_pictures_and_plain_text_are_safe(string content) =>
        Assert.IsType<ImageCheck.Accepted>(Check($"{Open}{content}</svg>"));

    [Theory]
    [InlineData("""<image width="5" height="5" href="data:image/svg+xml;base64,PHN2Zz4="/>""")]
    [InlineData("""<image width="5" height="5" href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>""")]
    public void Embedded_documents_are_refused(string content) =>
        Assert.Contains("refers to something outside the image", Refused($"{Open}{content}</svg>"), StringComparison.Ordinal);

    [Fact]
    public void A_long_reference_is_shortened_in_the_message() =>
        Assert.Contains($"({new string('a', 40 - "https://evil.test/".Length).Insert(0, "https://evil.test/")}…)", Refused($"{Open}<image width=\"5\" height=\"5\" href=\"https://evil.test/{new string('a', 60)}\"/></svg>"), StringComparison.Ordinal);

    [Fact]
    public void A_document_whose_root_is_not_svg_is_not_an_svg_image() =>
        Assert.Contains("not a well-formed SVG", Refused("""<html><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/></html>"""), StringComparison.Ordinal);

    [Theory]
    [InlineData("""width="10px" height="20px" """, 10, 20)]
    [InlineData("""width="9.2" height="0.5" """, 10, 1)]
    [InlineData("""width="0" height="20" viewBox="0 0 30 40" """, 30, 40)]
    [InlineData("""viewBox="0,0,12.5,7" """, 13, 7)]
    public void The_size_comes_from_width_and_height_or_else_the_view_box(string attributes, int width, int height)
    {
        var accepted = Assert.IsType<ImageCheck.Accepted>(Check($"""<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect/></svg>"""));
        Assert.Equal((width, height), (accepted.Width, accepted.Height));
    }

    [Theory]
    [InlineData("""width="0" height="0" """)]
    [InlineData("""width="-5" height="10" """)]
    [InlineData("""viewBox="0 0 0 10" """)]
    [InlineData("""viewBox="0 0 100000 10" """)]
    [InlineData("""width="100000" height="10" """)]
    public void Sizes_that_are_not_a_usable_size_leave_the_svg_without_one(string attributes) =>
        Assert.IsType<ImageCheck.Refused>(Check($"""<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect/></svg>"""));

    private static ImageCheck Check(string svg) => BrandingImageRules.Check(BrandingImageKind.BackgroundImage, Encoding.UTF8.GetBytes(svg));

    private static string Refused(string svg) => Assert.IsType<ImageCheck.Refused>(Check(svg)).Message;
}
