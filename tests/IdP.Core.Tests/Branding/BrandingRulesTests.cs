using IdP.Core.Branding;

namespace IdP.Core.Tests.Branding;

public sealed class BrandingRulesTests
{
    [Theory]
    [InlineData("#0067B8", "#0067b8")]
    [InlineData("#abc", "#aabbcc")]
    [InlineData(" #123456 ", "#123456")]
    public void Colours_are_stored_as_lower_case_rrggbb(string typed, string stored) => Assert.Equal(stored, BrandingRules.Normalize(typed));

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#ggg")]
    [InlineData("#fff;} body{display:none")]
    [InlineData("rgb(1,2,3)")]
    public void Anything_but_a_hex_colour_is_refused(string typed)
    {
        var errors = BrandingRules.Check(new BrandingInput { BackgroundColor = typed, AccentColor = typed });
        Assert.Contains(errors, e => e.Field == "backgroundColor");
        Assert.Contains(errors, e => e.Field == "accentColor");
    }

    [Fact]
    public void An_accent_too_light_for_white_button_text_is_refused_with_the_contrast()
    {
        var error = Assert.Single(BrandingRules.Check(new BrandingInput { AccentColor = "#ffcc00" }));
        Assert.Equal("accentColor", error.Field);
        Assert.Contains("4.5:1", error.Message, StringComparison.Ordinal);
        Assert.Empty(BrandingRules.Check(new BrandingInput { AccentColor = "#0067b8", BackgroundColor = "#ffcc00" }));
    }

    [Fact]
    public void Texts_longer_than_their_limits_are_refused()
    {
        Assert.Empty(BrandingRules.Check(new BrandingInput { SignInPageText = new string('a', 1024), UsernameHint = new string('b', 64) }));
        var errors = BrandingRules.Check(new BrandingInput { SignInPageText = new string('a', 1025), UsernameHint = new string('b', 65) });
        Assert.Contains(errors, e => e.Field == "signInPageText" && e.Message.Contains("at most 1024", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "usernameHint" && e.Message.Contains("at most 64", StringComparison.Ordinal));
        Assert.Contains(BrandingRules.Check(new BrandingInput { UsernameHint = "a\nb" }), e => e.Field == "usernameHint");
    }
}
