namespace IdP.Core.UserFlows;

/// <summary>The "Application claims" a user flow can return, by the names B2C puts in tokens.</summary>
public static class ApplicationClaims
{
    public const string ObjectId = "oid";
    public const string DisplayName = "name";
    public const string GivenName = "given_name";
    public const string Surname = "family_name";
    public const string Emails = "emails";
    public const string IdentityProvider = "idp";
    public const string NewUser = "newUser";

    /// <summary>Every claim an operator can pick.</summary>
    public static IReadOnlyList<string> All { get; } = [ObjectId, DisplayName, GivenName, Surname, Emails, IdentityProvider, NewUser];

    /// <summary>What a new flow returns unless configured otherwise.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [ObjectId, DisplayName, GivenName, Surname, Emails];

    /// <summary>True for a claim name in <see cref="All"/> (exact, case-sensitive: claim names are case-sensitive in JWTs).</summary>
    public static bool IsKnown(string claim) => All.Contains(claim, StringComparer.Ordinal);
}
