namespace IdP.Core.Tests.PasswordReset;

public sealed class VerificationCodeTests
{
    [Fact]
    public void Codes_are_six_digits()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Matches("^[0-9]{6}$", VerificationCode.Generate());
        }
    }

    [Fact]
    public void Codes_are_spread_over_the_whole_range_not_a_fixed_value()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => VerificationCode.Generate()).ToHashSet();
        Assert.True(codes.Count > 190, $"Only {codes.Count} distinct codes out of 200.");
        Assert.Contains(codes, c => c[0] == '0' || c[0] == '1' || c[0] == '2');
    }

    [Fact]
    public void The_stored_form_never_contains_the_code_and_each_hash_has_its_own_salt()
    {
        var first = VerificationCode.Hash("123456");
        var second = VerificationCode.Hash("123456");
        Assert.DoesNotContain("123456", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.StartsWith("v1.", first, StringComparison.Ordinal);
        Assert.True(first.Length <= 128, "The hash must fit its column.");
    }

    [Fact]
    public void Only_the_right_code_matches()
    {
        var stored = VerificationCode.Hash("042917");
        Assert.True(VerificationCode.Matches("042917", stored));
        Assert.False(VerificationCode.Matches("042918", stored));
        Assert.False(VerificationCode.Matches("42917", stored));
        Assert.False(VerificationCode.Matches("", stored));
        Assert.False(VerificationCode.Matches(null, stored));
    }

    [Fact]
    public void Spaces_people_add_when_copying_are_ignored()
    {
        var stored = VerificationCode.Hash("042917");
        Assert.True(VerificationCode.Matches(" 042 917 ", stored));
    }

    [Fact]
    public void A_malformed_stored_value_never_matches() => Assert.False(VerificationCode.Matches("123456", "123456"));

    [Fact]
    public void A_stored_value_of_another_format_never_matches_even_with_the_right_salt_and_hash()
    {
        // Only v1 values are compared: a future format must not be read as this one.
        var stored = VerificationCode.Hash("123456");
        Assert.False(VerificationCode.Matches("123456", "v2" + stored[2..]));
    }

    [Fact]
    public void Nothing_typed_is_compared_as_nothing() => Assert.Equal("", VerificationCode.Clean(null));

    [Fact]
    public void Very_long_input_is_cut_before_hashing() => Assert.Equal(64, VerificationCode.Clean(new string('9', 10_000)).Length);
}
