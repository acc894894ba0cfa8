namespace IdP.Core.Tests.Passwords;

/// <summary>Why a password is refused, per rule (complements PasswordRulesTests).</summary>
public sealed class PasswordRulesReasonTests
{
    private static readonly string[] NoNames = [];

    [Theory]
    [InlineData("Ab1!xyz", PasswordProblem.Length)]
    [InlineData("alllowercaseletters", PasswordProblem.CharacterClasses)]
    [InlineData("ALLUPPER12345", PasswordProblem.CharacterClasses)]
    [InlineData("Tab\tKey-Pass-1", PasswordProblem.DisallowedCharacter)]
    [InlineData("P@ssw0rd", PasswordProblem.Common)]
    public void Strong_refuses_with_the_reason(string password, PasswordProblem expected) =>
        Assert.Contains(expected, PasswordRules.Check(password, PasswordComplexity.Strong, NoNames));

    [Fact]
    public void Custom_can_require_all_four_classes()
    {
        var four = PasswordComplexity.Custom(10, 100, 4);
        Assert.Contains(PasswordProblem.CharacterClasses, PasswordRules.Check("Fresh-Garden", four, NoNames));
        Assert.Empty(PasswordRules.Check("Fresh-Garden-42", four, NoNames));
    }

    [Fact]
    public void Every_b2c_symbol_counts_as_a_symbol()
    {
        foreach (var symbol in "@#$%^&*-_+=[]{}|\\:',.?/`~\"();! ")
        {
            Assert.Equal(3, PasswordRules.ClassCount("abcABC" + symbol));
        }
    }
}
