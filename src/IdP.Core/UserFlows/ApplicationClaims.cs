namespace IdP.Core.UserFlows;

/// <summary>The "Application claims" a user flow can return, by the names B2C puts in tokens.</summary>
public static class ApplicationClaims
{
    /// <summary>The account's object id.</summary>
    public const string ObjectId = "oid";

    /// <summary>The account's display name.</summary>
    public const string DisplayName = "name";

    /// <summary>The account's given name.</summary>
    public const string GivenName = "given_name";

    /// <summary>The account's surname.</summary>
    public const string Surname = "family_name";

    /// <summary>The sign-in and contact email addresses, always as a JSON array.</summary>
    public const string Emails = "emails";

    /// <summary>The social identity provider; B2C returns it only for social accounts, so local sign-ins never get it.</summary>
    public const string IdentityProvider = "idp";

    /// <summary>True at sign-up; B2C returns it only when an account is created, so sign-ins never get it.</summary>
    public const string NewUser = "newUser";

    /// <summary>Every claim an operator can pick.</summary>
    public static IReadOnlyList<string> All { get; } = [ObjectId, DisplayName, GivenName, Surname, Emails, IdentityProvider, NewUser];

    /// <summary>What a new flow returns unless configured otherwise.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [ObjectId, DisplayName, GivenName, Surname, Emails];

    /// <summary>True for a claim name in <see cref="All"/> (exact, case-sensitive: claim names are case-sensitive in JWTs).</summary>
    public static bool IsKnown(string claim) => All.Contains(claim, StringComparer.Ordinal);
}
