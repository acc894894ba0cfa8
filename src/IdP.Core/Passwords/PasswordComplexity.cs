namespace IdP.Core.Passwords;

/// <summary>
/// A user flow's password complexity, as B2C's "Password complexity" setting: Simple (8-64), Strong (8-64 and three of
/// the four character classes, the default) or Custom. Stored as a value owned by the flow.
/// </summary>
public sealed record PasswordComplexity
{
    /// <summary>The longest password any setting allows (B2C's custom maximum).</summary>
    public const int AbsoluteMaxLength = 256;

    /// <summary>Which of B2C's choices this is.</summary>
    public PasswordComplexityLevel Level { get; init; }

    /// <summary>Shortest password, in text elements (what a user sees as characters).</summary>
    public int MinLength { get; init; }

    /// <summary>Longest password, in text elements.</summary>
    public int MaxLength { get; init; }

    /// <summary>How many of the four classes (lowercase, uppercase, digit, symbol) a password must mix.</summary>
    public int RequiredClassCount { get; init; }

    /// <summary>Custom only: digits only (a PIN-like password).</summary>
    public bool NumbersOnly { get; init; }

    // A new instance on each read, never a shared one: EF Core stores this record as a complex property of UserFlow and
    // writes into the very instance a flow holds (e.g. when a rejected change is reloaded), which on a shared static
    // turned every later "Simple" into whatever that flow had in the database.

    /// <summary>B2C's Simple: 8 to 64 characters, any mix.</summary>
    public static PasswordComplexity Simple => new() { Level = PasswordComplexityLevel.Simple, MinLength = 8, MaxLength = 64, RequiredClassCount = 0 };

    /// <summary>B2C's Strong: 8 to 64 characters mixing three of the four classes.</summary>
    public static PasswordComplexity Strong => new() { Level = PasswordComplexityLevel.Strong, MinLength = 8, MaxLength = 64, RequiredClassCount = 3 };

    /// <summary>A custom rule; check it with <see cref="Check"/> before use.</summary>
    public static PasswordComplexity Custom(int minLength, int maxLength, int requiredClassCount, bool numbersOnly = false) =>
        new() { Level = PasswordComplexityLevel.Custom, MinLength = minLength, MaxLength = maxLength, RequiredClassCount = requiredClassCount, NumbersOnly = numbersOnly };

    /// <summary>Problems with the setting itself (not with a password).</summary>
    public IReadOnlyList<string> Check()
    {
        var errors = new List<string>();
        switch (Level)
        {
            case PasswordComplexityLevel.Simple when this != Simple:
            case PasswordComplexityLevel.Strong when this != Strong:
                errors.Add(AdminText.ComplexityFixed(Level));
                break;
            case PasswordComplexityLevel.Custom:
                if (MinLength < 4 || MinLength > AbsoluteMaxLength)
                {
                    errors.Add(AdminText.ComplexityMinLength(AbsoluteMaxLength));
                }

                if (MaxLength < MinLength || MaxLength > AbsoluteMaxLength)
                {
                    errors.Add(AdminText.ComplexityMaxLength(AbsoluteMaxLength));
                }

                if (NumbersOnly ? RequiredClassCount != 0 : RequiredClassCount is < 0 or > 4)
                {
                    errors.Add(NumbersOnly
                        ? AdminText.ComplexityNumbersOnlyClasses
                        : AdminText.ComplexityClasses);
                }

                break;
            case PasswordComplexityLevel.Simple:
            case PasswordComplexityLevel.Strong:
                break;
            default:
                errors.Add(AdminText.ComplexityUnknown(Level));
                break;
        }

        return errors;
    }
}

/// <summary>B2C's password complexity choices.</summary>
public enum PasswordComplexityLevel
{
    /// <summary>8 to 64 characters, any mix.</summary>
    Simple = 0,

    /// <summary>8 to 64 characters, three of the four classes.</summary>
    Strong = 1,

    /// <summary>Lengths and classes chosen by the operator, or digits only.</summary>
    Custom = 2,
}
