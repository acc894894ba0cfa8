namespace IdP.Core.Tests.Passwords;

public sealed class PasswordRulesTests
{
    private static readonly string[] NoNames = [];

    [Theory]
    [InlineData("Tr0ub4dor&3x")]
    [InlineData("correct horse Battery")]
    [InlineData("Zebra-Lamp-Quiet")]
    [InlineData("Ünïcödé-Wörds-9")]
    public void Strong_passwords_mixing_three_classes_are_accepted(string password) =>
        Assert.Empty(PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));

    [Theory]
    [InlineData("zebralampquiet")]
    [InlineData("ZEBRALAMP1234")]
    public void Strong_refuses_fewer_than_three_classes(string password) =>
        Assert.Equal([PasswordProblem.CharacterClasses], PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));

    [Theory]
    [InlineData("Ab1-xyz")]
    [InlineData("Ab1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Strong_and_simple_allow_8_to_64_characters(string password)
    {
        Assert.Contains(PasswordProblem.Length, PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));
        Assert.Contains(PasswordProblem.Length, PasswordRules.Check(password, PasswordComplexity.Simple, NoNames));
    }

    [Fact]
    public void Length_counts_what_people_see_not_utf16_units()
    {
        // 64 characters on screen, 94 UTF-16 units: within Strong's 64.
        var sixtyFourVisibleCharacters = "Ab1-" + string.Concat(Enumerable.Repeat("e\u0301", 30)) + new string('a', 30);

        Assert.DoesNotContain(PasswordProblem.Length, PasswordRules.Check(sixtyFourVisibleCharacters, PasswordComplexity.Strong, NoNames));
    }

    [Fact]
    public void No_password_is_longer_than_256_utf16_units_however_few_characters_it_shows()
    {
        // Hangul leading jamo join into one character on screen however many follow: 9 characters, 1,008 UTF-16 units.
        // Sign-in takes no password longer than 256 units (LocalAccountSignIn), so none may be set.
        var nineVisibleCharacters = "Ab1-abcd" + new string('\u1100', 1_000);

        Assert.Equal(9, new System.Globalization.StringInfo(nineVisibleCharacters).LengthInTextElements);
        Assert.Contains(PasswordProblem.Length, PasswordRules.Check(nineVisibleCharacters, PasswordComplexity.Strong, NoNames));
        Assert.DoesNotContain(PasswordProblem.Length, PasswordRules.Check("Ab1-" + new string('a', 252), PasswordComplexity.Custom(8, 256, 0, false), NoNames));
    }

    [Fact]
    public void Simple_needs_only_the_length() => Assert.Empty(PasswordRules.Check("zebralampquiet", PasswordComplexity.Simple, NoNames));

    [Theory]
    [InlineData("Zebra-Lamp<9")]
    [InlineData("Zebra-Lamp\t9")]
    [InlineData("Zebra-Lamp€9")]
    public void Characters_outside_b2cs_set_are_refused(string password) =>
        Assert.Contains(PasswordProblem.DisallowedCharacter, PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));

    [Fact]
    public void A_numbers_only_policy_accepts_digits_and_refuses_anything_else()
    {
        var pin = PasswordComplexity.Custom(6, 8, 0, numbersOnly: true);

        Assert.Empty(PasswordRules.Check("804215", pin, NoNames));
        Assert.Equal([PasswordProblem.NumbersOnly], PasswordRules.Check("80421a", pin, NoNames));
    }

    [Fact]
    public void A_password_equal_to_one_of_the_accounts_names_is_refused() =>
        Assert.Contains(PasswordProblem.SameAsName, PasswordRules.Check("Ada.Lovelace-1815", PasswordComplexity.Strong, ["ada.lovelace-1815", "ada@example.com"]));

    [Fact]
    public void A_password_other_than_the_accounts_names_is_not_refused_for_them() =>
        Assert.DoesNotContain(PasswordProblem.SameAsName, PasswordRules.Check("Tr0ub4dor&3x", PasswordComplexity.Strong, ["ada.lovelace-1815", "ada@example.com", " "]));

    [Theory]
    [InlineData("P@ssw0rd")]
    [InlineData("Password1")]
    [InlineData("QWERTY123")]
    public void Common_passwords_are_refused_in_any_case(string password) =>
        Assert.Contains(PasswordProblem.Common, PasswordRules.Check(password, PasswordComplexity.Simple, NoNames));

    [Theory]
    [InlineData("abc", 1)]
    [InlineData("aB", 2)]
    [InlineData("aB3", 3)]
    [InlineData("aB3!", 4)]
    [InlineData("aB3 ", 4)]
    public void Character_classes_are_counted(string password, int classes) => Assert.Equal(classes, PasswordRules.ClassCount(password));

    [Fact]
    public void The_common_password_list_is_shipped() => Assert.True(CommonPasswords.Instance.Count > 10_000);
}
