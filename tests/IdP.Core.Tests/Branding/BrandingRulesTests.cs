using IdP.Core.Administration;
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

    [Theory]
    [InlineData(0x00, 0x00, 0x00, 21.0)]
    [InlineData(0xff, 0xff, 0xff, 1.0)]
    [InlineData(0x0a, 0x0a, 0x0a, 19.798)]
    [InlineData(0x00, 0x00, 0xff, 8.592)]
    [InlineData(0x76, 0x76, 0x76, 4.542)]
    [InlineData(0xff, 0x00, 0x00, 3.998)]
    public void The_contrast_with_white_is_wcags(byte r, byte g, byte b, double contrast) =>
        Assert.Equal(contrast, BrandingRules.ContrastWithWhite((r, g, b)), 3);

    [Fact]
    public void The_too_light_message_gives_both_contrasts_to_one_decimal() =>
        Assert.Equal(
            "#ffcc00 is too light: white button text on it has a contrast of 1.5:1, and at least 4.5:1 is needed. Choose a darker colour.",
            Assert.Single(BrandingRules.Check(new BrandingInput { AccentColor = "#ffcc00" })).Message);

    [Theory]
    [InlineData("#12g")]
    [InlineData("#12345g")]
    [InlineData(null)]
    public void Partly_hex_or_missing_colours_are_no_colour(string? typed) => Assert.Null(BrandingRules.Normalize(typed));

    [Fact]
    public void A_refused_colour_is_quoted_shortened_with_the_fields_own_example()
    {
        var errors = BrandingRules.Check(new BrandingInput { BackgroundColor = "a-very-long-colour-name-indeed", AccentColor = "#12g" });

        Assert.Equal(
            [
                new("backgroundColor", "'a-very-long-colour-n…' is not a colour: use #rgb or #rrggbb, e.g. #f2f2f2."),
                new FieldError("accentColor", "'#12g' is not a colour: use #rgb or #rrggbb, e.g. #0067b8."),
            ],
            errors);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("fr-CA", "fr")]
    [InlineData(" FR_fr ", "fr")]
    [InlineData("de", null)]
    [InlineData(null, null)]
    public void Languages_are_english_and_french_by_their_primary_tag(string? tag, string? language)
    {
        Assert.Equal(language, Languages.Normalize(tag));
        Assert.Equal(language is null ? ["defaultLanguage"] : [], BrandingRules.Check(new BrandingInput { DefaultLanguage = tag ?? "" }).Select(e => e.Field));
    }
}
