namespace IdP.Core.SignIn;

/// <summary>
/// Failed-password counter and lockout for one typed sign-in name, kept whether or not an account has that name:
/// an unknown name locks out exactly like a real one, so lockout never reveals which accounts exist.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>SHA-256 of the name's kind and normalised value: the table never holds typed names in clear.</summary>
    public required string KeyHash { get; set; }

    public int FailedCount { get; set; }

    /// <summary>How many lockouts in a row: each one lasts twice as long as the previous, up to a ceiling.</summary>
    public int LockoutCount { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
