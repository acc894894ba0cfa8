namespace IdP.Core.Passwords;

/// <summary>
/// Bound from <c>IdP:Passwords</c>: the cost of stored password hashes (PBKDF2-HMAC-SHA512, ASP.NET Core Identity's V3
/// format). The floor is OWASP's recommendation for this algorithm; hashes made at a lower count are re-hashed at the
/// next successful sign-in, and the hash checked for unknown accounts costs the same.
/// </summary>
public sealed class PasswordHashingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IdP:Passwords";

    /// <summary>OWASP's minimum for PBKDF2-HMAC-SHA512.</summary>
    public const int MinimumIterations = 210_000;

    /// <summary>PBKDF2 iterations for new hashes.</summary>
    [Range(MinimumIterations, 10_000_000)]
    public int HashIterations { get; set; } = MinimumIterations;
}
