namespace IdP.Core.Tests.Passwords;

/// <summary>
/// The admin's password complexity setting at the edges of what B2C allows (found by mutation testing: the boundaries
/// and the messages were not pinned down).
/// </summary>
public sealed class PasswordComplexityCheckTests
{
    [Theory]
    [InlineData(4, 4, 0)]
    [InlineData(256, 256, 4)]
    [InlineData(8, 64, 0)]
    public void Custom_complexity_accepts_the_limits_themselves(int min, int max, int classes) =>
        Assert.Empty(PasswordComplexity.Custom(min, max, classes).Check());

    [Fact]
    public void Too_many_classes_are_reported_as_such_when_not_numbers_only() =>
        Assert.Equal("Custom password required character classes must be between 0 and 4.", Assert.Single(PasswordComplexity.Custom(8, 64, 5).Check()));

    [Fact]
    public void Simple_cannot_be_changed_either() =>
        Assert.Equal(
            "The Simple password complexity has fixed values; use Custom to change them.",
            Assert.Single((PasswordComplexity.Simple with { MaxLength = 128 }).Check()));

    [Fact]
    public void An_unknown_level_is_refused() =>
        Assert.Equal("Unknown password complexity '7'.", Assert.Single((PasswordComplexity.Simple with { Level = (PasswordComplexityLevel)7 }).Check()));
}
