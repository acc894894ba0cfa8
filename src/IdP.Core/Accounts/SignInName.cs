namespace IdP.Core.Accounts;

/// <summary>A name an account signs in with: an email address or a username, unique per kind once normalised.</summary>
public sealed class SignInName
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public SignInNameKind Kind { get; set; }

    /// <summary>As the user typed it (trimmed), for display.</summary>
    public required string Value { get; set; }

    /// <summary>The lookup key: see <see cref="SignInNameNormalizer"/>.</summary>
    public required string NormalizedValue { get; set; }
}

/// <summary>Which local-account identifier a sign-in name is (B2C's "Email" or "Username" sign-in types).</summary>
public enum SignInNameKind
{
    Email = 0,
    Username = 1,
}
