namespace IdP.Core.Accounts;

/// <summary>
/// The rules an administrator's user changes pass, whatever the user flow: passwords follow the Strong complexity (B2C's
/// default) plus the common-password list and may not equal one of the account's names; names fit their columns.
/// </summary>
public static class UserRules
{
    /// <summary>Longest display name accepted.</summary>
    public const int MaxDisplayNameLength = 256;
    /// <summary>Longest given name accepted.</summary>
    public const int MaxGivenNameLength = 128;
    /// <summary>Longest surname accepted.</summary>
    public const int MaxSurnameLength = 128;

    /// <summary>The complexity an administrator-set password must meet (flows may ask more of passwords users choose).</summary>
    public static PasswordComplexity PasswordComplexity => PasswordComplexity.Strong;

    /// <summary>Problems with a password an administrator sets, reported on <paramref name="field"/>.</summary>
    public static IReadOnlyList<FieldError> CheckPassword(string field, string? password, IEnumerable<string?> personalNames)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new(field, AdminText.PasswordRequired)];
        }

        return [.. PasswordRules.Check(password, PasswordComplexity, personalNames.OfType<string>()).Select(p => new FieldError(field, Describe(p)))];
    }

    /// <summary>Problems with the display, given and surnames (only their length: any text is a name).</summary>
    public static IReadOnlyList<FieldError> CheckNames(string? displayName, string? givenName, string? surname)
    {
        var errors = new List<FieldError>();
        foreach (var (field, value, max) in new[] { ("displayName", displayName, MaxDisplayNameLength), ("givenName", givenName, MaxGivenNameLength), ("surname", surname, MaxSurnameLength) })
        {
            if (value is { Length: > 0 } && value.Length > max)
            {
                errors.Add(new(field, AdminText.NameTooLong(max)));
            }
            else if (value is not null && value.Any(char.IsControl))
            {
                errors.Add(new(field, AdminText.NameControlCharacters));
            }
        }

        return errors;
    }

    /// <summary>An operator's wording of a password problem.</summary>
    public static string Describe(PasswordProblem problem) => problem switch
    {
        PasswordProblem.Length => AdminText.PasswordLength(PasswordComplexity.MinLength, PasswordComplexity.MaxLength),
        PasswordProblem.CharacterClasses => AdminText.PasswordClasses,
        PasswordProblem.DisallowedCharacter => AdminText.PasswordDisallowedCharacter(PasswordRules.Symbols),
        PasswordProblem.NumbersOnly => AdminText.PasswordNumbersOnly,
        PasswordProblem.SameAsName => AdminText.PasswordSameAsName,
        PasswordProblem.Common => AdminText.PasswordCommon,
        _ => problem.ToString(),
    };
}
