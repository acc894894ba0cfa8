namespace IdP.Core.Accounts;

/// <summary>A name an account signs in with: an email address or a username, unique per kind once normalised.</summary>
public sealed class SignInName
{
    /// <summary>Primary key; means nothing outside the database.</summary>
    public Guid Id { get; set; }

    /// <summary>The account that signs in with this name.</summary>
    public Guid AccountId { get; set; }

    /// <summary>Whether the name is an email address or a username: names are unique per kind.</summary>
    public SignInNameKind Kind { get; set; }

    /// <summary>As the user typed it (trimmed), for display.</summary>
    public required string Value { get; set; }

    /// <summary>The lookup key: see <see cref="SignInNameNormalizer"/>.</summary>
    public required string NormalizedValue { get; set; }
}

/// <summary>Which local-account identifier a sign-in name is (B2C's "Email" or "Username" sign-in types).</summary>
public enum SignInNameKind
{
    /// <summary>An email address (B2C's "Email" sign-in type).</summary>
    Email = 0,

    /// <summary>A username (B2C's "Username" sign-in type).</summary>
    Username = 1,
}
