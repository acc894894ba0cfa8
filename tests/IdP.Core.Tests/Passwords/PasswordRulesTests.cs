using IdP.Core.Passwords;

namespace IdP.Core.Tests.Passwords;

public sealed class PasswordRulesTests
{
    private static readonly string[] NoNames = [];

    [Theory]
    [InlineData("Fresh-Garden-42")]
    [InlineData("correct horse Battery")]
    [InlineData("Ünïcode-Pass-9")]
    public void Strong_accepts_long_mixed_passwords(string password) => Assert.Empty(PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));

    [Theory]
    [InlineData("Ab1!xyz", PasswordProblem.Length)]
    [InlineData("alllowercaseletters", PasswordProblem.CharacterClasses)]
    [InlineData("ALLUPPER12345", PasswordProblem.CharacterClasses)]
    [InlineData("Tab\tKey-Pass-1", PasswordProblem.DisallowedCharacter)]
    [InlineData("P@ssw0rd", PasswordProblem.Common)]
    public void Strong_refuses_with_the_reason(string password, PasswordProblem expected) =>
        Assert.Contains(expected, PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));

    [Fact]
    public void Strong_allows_at_most_64_characters()
    {
        var password = "Aa1!" + new string('x', 60);
        Assert.Empty(PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));
        Assert.Contains(PasswordProblem.Length, PasswordRules.Check(password + "x", PasswordComplexity.Strong, NoNames));
    }

    [Fact]
    public void Simple_only_checks_length_names_and_the_common_list()
    {
        Assert.Empty(PasswordRules.Check("zebrastripe", PasswordComplexity.Simple, NoNames));
        Assert.Contains(PasswordProblem.Length, PasswordRules.Check("zebra", PasswordComplexity.Simple, NoNames));
        Assert.Contains(PasswordProblem.Common, PasswordRules.Check("abcdefgh", PasswordComplexity.Simple, NoNames));
    }

    [Fact]
    public void Custom_numbers_only_accepts_digits_within_its_lengths()
    {
        var pin = PasswordComplexity.Custom(6, 8, 0, numbersOnly: true);
        Assert.Empty(PasswordRules.Check("80417365", pin, NoNames));
        Assert.Contains(PasswordProblem.NumbersOnly, PasswordRules.Check("8041736a", pin, NoNames));
        Assert.Contains(PasswordProblem.Length, PasswordRules.Check("804173651", pin, NoNames));
    }

    [Fact]
    public void Custom_can_require_all_four_classes()
    {
        var four = PasswordComplexity.Custom(10, 100, 4);
        Assert.Contains(PasswordProblem.CharacterClasses, PasswordRules.Check("Fresh-Garden", four, NoNames));
        Assert.Empty(PasswordRules.Check("Fresh-Garden-42", four, NoNames));
    }

    [Fact]
    public void A_password_equal_to_the_sign_in_name_or_email_is_refused_in_any_case()
    {
        string[] names = ["Ada-Lovelace-1815", "ada@example.com"];
        Assert.Contains(PasswordProblem.SameAsName, PasswordRules.Check("ada-lovelace-1815", PasswordComplexity.Strong, names));
        Assert.Contains(PasswordProblem.SameAsName, PasswordRules.Check("ADA@EXAMPLE.COM", PasswordComplexity.Strong, names));
    }

    [Fact]
    public void The_shipped_list_holds_at_least_ten_thousand_passwords() => Assert.True(CommonPasswords.Instance.Count >= 10_000);

    [Fact]
    public void Every_b2c_symbol_counts_as_a_symbol()
    {
        foreach (var symbol in "@#$%^&*-_+=[]{}|\\:',.?/`~\"();! ")
        {
            Assert.Equal(3, PasswordRules.ClassCount("abcABC" + symbol));
        }
    }
}
