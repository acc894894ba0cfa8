namespace IdP.Core.Tests.Accounts;

public sealed class SignInNameNormalizerTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("  ada@example.com  ")]
    [InlineData("ADA@EXAMPLE.COM")]
    [InlineData("Ada@Example.Com\t")]
    [InlineData("ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ")]
    public void Spacing_case_and_full_width_forms_of_a_name_normalise_to_one_key(string typed) =>
        Assert.Equal("ADA@EXAMPLE.COM", SignInNameNormalizer.Normalize(typed));

    [Fact]
    public void Composed_and_decomposed_accents_normalise_to_one_key() =>
        Assert.Equal(SignInNameNormalizer.Normalize("jos\u00E9"), SignInNameNormalizer.Normalize("jose\u0301"));

    [Fact]
    public void Compatibility_ligatures_normalise_to_their_letters() =>
        Assert.Equal(SignInNameNormalizer.Normalize("office"), SignInNameNormalizer.Normalize("o\uFB03ce"));

    [Fact]
    public void Different_names_stay_different() =>
        Assert.NotEqual(SignInNameNormalizer.Normalize("ada@example.com"), SignInNameNormalizer.Normalize("ada@example.org"));

    [Theory]
    [InlineData(SignInNameKind.Email, "", "Please enter your Email Address")]
    [InlineData(SignInNameKind.Username, "   ", "Please enter your Username")]
    [InlineData(SignInNameKind.Email, "not-an-address", "Please enter a valid email address.")]
    [InlineData(SignInNameKind.Email, "Ada <ada@example.com>", "Please enter a valid email address.")]
    [InlineData(SignInNameKind.Username, "ada@example.com", "A username cannot contain '@' or spaces.")]
    [InlineData(SignInNameKind.Username, "ada lovelace", "A username cannot contain '@' or spaces.")]
    [InlineData(SignInNameKind.Username, "ada\u200Blovelace", "The value contains characters that are not allowed.")]
    [InlineData(SignInNameKind.Username, "ada\u0007", "The value contains characters that are not allowed.")]
    public void Malformed_names_are_refused_with_a_reason(SignInNameKind kind, string value, string expected) =>
        Assert.Equal(expected, SignInNameNormalizer.Validate(kind, value));

    [Fact]
    public void Names_longer_than_256_characters_are_refused() =>
        Assert.Equal("The value is too long.", SignInNameNormalizer.Validate(SignInNameKind.Username, new string('a', 257)));

    [Theory]
    [InlineData(SignInNameKind.Username, 15)] // U+FDFA becomes 18 characters under NFKC: 15 make 270
    [InlineData(SignInNameKind.Email, 14)]
    public void Names_whose_normalised_key_is_longer_than_256_characters_are_refused(SignInNameKind kind, int count)
    {
        var value = new string('\uFDFA', count) + (kind == SignInNameKind.Email ? "@example.com" : "");
        Assert.True(value.Length <= 256);
        Assert.Equal("The value is too long.", SignInNameNormalizer.Validate(kind, value));
    }

    [Theory]
    [InlineData(SignInNameKind.Email, " ada@example.com ")]
    [InlineData(SignInNameKind.Username, "ada.lovelace_1815")]
    [InlineData(SignInNameKind.Username, "Ådá")]
    public void Well_formed_names_are_accepted(SignInNameKind kind, string value) => Assert.Null(SignInNameNormalizer.Validate(kind, value));

    [Fact]
    public void A_name_of_exactly_256_characters_is_accepted() =>
        Assert.Null(SignInNameNormalizer.Validate(SignInNameKind.Username, new string('a', 256)));

    [Fact]
    public void The_typed_text_must_fit_too_even_when_its_key_is_shorter()
    {
        // 257 characters whose key is 256 (e + combining acute compose into one): the typed name is stored as well.
        var value = new string('a', 255) + "e\u0301";

        Assert.Equal(256, SignInNameNormalizer.Normalize(value).Length);
        Assert.Equal("The value is too long.", SignInNameNormalizer.Validate(SignInNameKind.Username, value));
    }
}
