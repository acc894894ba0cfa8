namespace IdP.Core.Accounts;

/// <summary>
/// Turns what a person types into the key accounts are looked up by: trimmed, Unicode NFKC (so full-width and
/// composed forms of the same text match) and upper-cased invariantly (so case never matters).
/// </summary>
public static class SignInNameNormalizer
{
    /// <summary>The longest name or address kept, before and after normalising (the columns' size).</summary>
    public const int MaxLength = 256;

    /// <summary>The lookup key for a sign-in name or email address.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var composed = trimmed.IsNormalized(NormalizationForm.FormKC) ? trimmed : trimmed.Normalize(NormalizationForm.FormKC);
        return composed.ToUpperInvariant();
    }

    /// <summary>Checks the shape of a sign-in name of the given kind; returns null when it is acceptable.</summary>
    public static string? Validate(SignInNameKind kind, string? value)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return kind == SignInNameKind.Email ? AdminText.EmailMissing : AdminText.UsernameMissing;
        }

        if (trimmed.Length > MaxLength)
        {
            return AdminText.SignInNameTooLong;
        }

        if (trimmed.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return AdminText.SignInNameControlCharacters;
        }

        // NFKC can expand a character many times over (U+FDFA becomes 18): the key, not only the text, must fit.
        if (Normalize(trimmed).Length > MaxLength)
        {
            return AdminText.SignInNameTooLong;
        }

        return kind switch
        {
            SignInNameKind.Email when !EmailAddress.IsValid(trimmed) => AdminText.EmailInvalid,
            SignInNameKind.Username when trimmed.Contains('@', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace) =>
                AdminText.UsernameCharacters,
            _ => null,
        };
    }
}
