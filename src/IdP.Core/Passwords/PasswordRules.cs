namespace IdP.Core.Passwords;

/// <summary>
/// Checks a new password against a flow's complexity, the account's own names and the common-password list.
/// Enforced on reset (and later sign-up), never at sign-in, as in B2C.
/// </summary>
public static class PasswordRules
{
    /// <summary>B2C's symbol set, plus the space the current Azure AD policy allows.</summary>
    public const string Symbols = "@#$%^&*-_+=[]{}|\\:',.?/`~\"();! ";

    /// <summary>The problems with <paramref name="password"/>; empty when it is acceptable.</summary>
    /// <param name="password">The candidate password.</param>
    /// <param name="complexity">The flow's complexity setting.</param>
    /// <param name="personalNames">The account's sign-in names and email address: a password may not equal any of them.</param>
    public static IReadOnlyList<PasswordProblem> Check(string password, PasswordComplexity complexity, IEnumerable<string> personalNames)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(complexity);
        ArgumentNullException.ThrowIfNull(personalNames);
        var problems = new List<PasswordProblem>();

        // Counted as people see characters, and never over the absolute maximum in UTF-16 units either: one character on
        // screen can hold any number of units (a run of Hangul jamo), and sign-in takes no longer password.
        var length = new StringInfo(password).LengthInTextElements;
        if (length < complexity.MinLength || length > complexity.MaxLength || password.Length > PasswordComplexity.AbsoluteMaxLength)
        {
            problems.Add(PasswordProblem.Length);
        }

        if (complexity.NumbersOnly)
        {
            if (!password.All(char.IsAsciiDigit))
            {
                problems.Add(PasswordProblem.NumbersOnly);
            }
        }
        else
        {
            if (password.Any(c => !IsAllowed(c)))
            {
                problems.Add(PasswordProblem.DisallowedCharacter);
            }

            if (ClassCount(password) < complexity.RequiredClassCount)
            {
                problems.Add(PasswordProblem.CharacterClasses);
            }
        }

        if (personalNames.Any(n => !string.IsNullOrWhiteSpace(n) && string.Equals(n.Trim(), password, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(PasswordProblem.SameAsName);
        }

        if (CommonPasswords.Instance.Contains(password))
        {
            problems.Add(PasswordProblem.Common);
        }

        return problems;
    }

    /// <summary>How many of the four classes (lowercase, uppercase, digit, symbol) the password uses.</summary>
    public static int ClassCount(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var classes = 0;
        classes += password.Any(char.IsLower) ? 1 : 0;
        classes += password.Any(char.IsUpper) ? 1 : 0;
        classes += password.Any(char.IsAsciiDigit) ? 1 : 0;
        classes += password.Any(c => Symbols.Contains(c, StringComparison.Ordinal)) ? 1 : 0;
        return classes;
    }

    // Letters from any script are allowed (customers type their own alphabets); control characters and symbols
    // outside B2C's set are not, so the help text can list exactly what is accepted.
    private static bool IsAllowed(char c) => char.IsLetter(c) || char.IsAsciiDigit(c) || Symbols.Contains(c, StringComparison.Ordinal);
}

/// <summary>Why a new password was refused; each maps to one message in the page resources.</summary>
public enum PasswordProblem
{
    /// <summary>Shorter or longer than the flow allows.</summary>
    Length,

    /// <summary>Mixes fewer character classes than the flow requires.</summary>
    CharacterClasses,

    /// <summary>Has a character outside letters, digits and <see cref="PasswordRules.Symbols"/>.</summary>
    DisallowedCharacter,

    /// <summary>Has a non-digit on a numbers-only flow.</summary>
    NumbersOnly,

    /// <summary>Equals one of the account's sign-in names or its email address.</summary>
    SameAsName,

    /// <summary>Is on the common-password list.</summary>
    Common,
}
