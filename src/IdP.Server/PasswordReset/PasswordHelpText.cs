namespace IdP.Server.PasswordReset;

/// <summary>A flow's password rule in words (shown under the new-password field) and the message for each refusal.</summary>
internal static class PasswordHelpText
{
    /// <summary>The symbols users may use, spaced out as B2C lists them (the space is named in words).</summary>
    public static string Symbols { get; } = string.Join(' ', PasswordRules.Symbols.Trim().ToCharArray());

    public static IReadOnlyList<string> For(PasswordComplexity complexity, IStringLocalizer<PasswordResetText> text)
    {
        ArgumentNullException.ThrowIfNull(complexity);
        ArgumentNullException.ThrowIfNull(text);
        var rule = complexity switch
        {
            { NumbersOnly: true } => text["HelpDigits", complexity.MinLength, complexity.MaxLength],
            { RequiredClassCount: > 0 } => text["HelpClasses", complexity.MinLength, complexity.MaxLength, complexity.RequiredClassCount, Symbols],
            _ => text["HelpLength", complexity.MinLength, complexity.MaxLength],
        };
        return [rule, text["HelpPersonal"]];
    }

    public static string Problem(PasswordProblem problem, PasswordComplexity complexity, IStringLocalizer<PasswordResetText> text) => problem switch
    {
        PasswordProblem.Length => text["ProblemLength", complexity.MinLength, complexity.MaxLength],
        PasswordProblem.CharacterClasses => text["ProblemCharacterClasses", complexity.RequiredClassCount],
        PasswordProblem.DisallowedCharacter => text["ProblemDisallowedCharacter"],
        PasswordProblem.NumbersOnly => text["ProblemNumbersOnly"],
        PasswordProblem.SameAsName => text["ProblemSameAsName"],
        _ => text["ProblemCommon"],
    };
}
