using System.Text;
using IdP.Core.Branding;

namespace IdP.Core.Tests.Branding;

public sealed class BrandingImageRulesTests
{
    [Fact]
    public void A_banner_logo_within_280_by_60_and_10_KB_is_accepted_with_its_real_type_and_size()
    {
        var accepted = Assert.IsType<ImageCheck.Accepted>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, TestImages.Png(280, 60)));
        Assert.Equal(("image/png", 280, 60), (accepted.ContentType, accepted.Width, accepted.Height));
        Assert.Equal("image/jpeg", Assert.IsType<ImageCheck.Accepted>(BrandingImageRules.Check(BrandingImageKind.SquareLogo, TestImages.Jpeg(240, 240))).ContentType);
    }

    [Theory]
    [InlineData(BrandingImageKind.BannerLogo, 281, 60, "281×60 pixels; it may be at most 280×60")]
    [InlineData(BrandingImageKind.BannerLogo, 280, 61, "280×61 pixels; it may be at most 280×60")]
    [InlineData(BrandingImageKind.SquareLogo, 241, 100, "at most 240×240")]
    [InlineData(BrandingImageKind.BackgroundImage, 1921, 10, "at most 1920×1080")]
    public void Larger_dimensions_are_refused_saying_the_limit(BrandingImageKind kind, int width, int height, string expected)
    {
        var refused = Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(kind, TestImages.Png(width, height)));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_banner_logo_over_10_KB_is_refused_even_when_its_dimensions_fit()
    {
        var noisy = TestImages.NoisyPng(200, 60);
        Assert.True(noisy.Length > 10 * 1024);
        var refused = Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, noisy));
        Assert.Contains("at most 10,240 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_whatever_it_claims()
    {
        var refused = Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, Encoding.UTF8.GetBytes("<html><body>not an image</body></html>")));
        Assert.Contains("PNG, JPEG, GIF or SVG", refused.Message, StringComparison.Ordinal);
        Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, []));
    }

    [Fact]
    public void A_damaged_png_is_refused()
    {
        var png = TestImages.Png(100, 30);
        var truncated = png[..20];
        Assert.Contains("could not be read", Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, truncated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_svg_is_accepted_with_the_size_it_states()
    {
        var svg = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40"><rect width="200" height="40" fill="#0067b8"/><text x="10" y="28">Contoso</text></svg>""";
        var accepted = Assert.IsType<ImageCheck.Accepted>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, Encoding.UTF8.GetBytes(svg)));
        Assert.Equal(("image/svg+xml", 200, 40), (accepted.ContentType, accepted.Width, accepted.Height));
        var byViewBox = """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240"><circle cx="120" cy="120" r="100"/></svg>""";
        Assert.Equal(240, Assert.IsType<ImageCheck.Accepted>(BrandingImageRules.Check(BrandingImageKind.SquareLogo, Encoding.UTF8.GetBytes(byViewBox))).Width);
    }

    [Theory]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>""", "<script>")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"></svg>""", "event handler")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><a xlink:href="javascript:alert(1)"><rect width="5" height="5"/></a></svg>""", "javascript:")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>""", "foreignObject")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="https://evil.test/x.png" width="5" height="5"/></svg>""", "outside the image")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>@import url(https://evil.test/a.css);</style></svg>""", "style")]
    [InlineData("""<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">&x;</svg>""", "DTD")]
    public void An_svg_that_could_run_script_or_load_anything_is_refused_with_the_reason(string svg, string reason)
    {
        var refused = Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, Encoding.UTF8.GetBytes(svg)));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains("may not contain script", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_svg_without_a_size_or_not_well_formed_is_refused()
    {
        Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>""")));
        Assert.Contains("not a well-formed SVG", Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, Encoding.UTF8.GetBytes("<svg width='1' height='1'><rect></svg>"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_names_round_trip_and_unknown_names_are_none()
    {
        foreach (var kind in Enum.GetValues<BrandingImageKind>())
        {
            Assert.Equal(kind, BrandingImageRules.Parse(BrandingImageRules.NameOf(kind)));
        }

        Assert.Null(BrandingImageRules.Parse("favicon"));
        Assert.Null(BrandingImageRules.Parse(null));
    }

    [Fact]
    public void Images_have_the_api_names_of_b2c_branding()
    {
        Assert.Equal("banner-logo", BrandingImageRules.NameOf(BrandingImageKind.BannerLogo));
        Assert.Equal("square-logo", BrandingImageRules.NameOf(BrandingImageKind.SquareLogo));
        Assert.Equal("background-image", BrandingImageRules.NameOf(BrandingImageKind.BackgroundImage));
    }

    [Fact]
    public void An_empty_upload_is_refused_as_empty() =>
        Assert.Equal("The banner-logo file is empty.", Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, [])).Message);

    [Fact]
    public void An_image_of_exactly_the_byte_limit_is_accepted()
    {
        const string Start = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--""";
        const string End = "--></svg>";
        var exactly = Encoding.UTF8.GetBytes(Start + new string('a', (10 * 1024) - Start.Length - End.Length) + End);

        Assert.IsType<ImageCheck.Accepted>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, exactly));
        Assert.Equal(
            "The banner-logo is 10,241 bytes; it may be at most 10,240 bytes.",
            Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BannerLogo, [.. exactly, (byte)' '])).Message);
    }

    [Theory]
    [InlineData("GIF87a")]
    [InlineData("GIF89a")]
    public void Both_gif_versions_are_gifs(string version)
    {
        // A 1×1 GIF: the logical screen, a two-colour table and one image block.
        byte[] gif = [.. Encoding.ASCII.GetBytes(version), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];

        var accepted = Assert.IsType<ImageCheck.Accepted>(BrandingImageRules.Check(BrandingImageKind.SquareLogo, gif));
        Assert.Equal(("image/gif", 1, 1), (accepted.ContentType, accepted.Width, accepted.Height));
    }
}
