namespace IdP.Core.SignIn;

/// <summary>
/// Failed-password counter and lockout for one typed sign-in name, kept whether or not an account has that name:
/// an unknown name locks out exactly like a real one, so lockout never reveals which accounts exist.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>SHA-256 of the name's kind and normalised value: the table never holds typed names in clear.</summary>
    public required string KeyHash { get; set; }

    /// <summary>Wrong passwords since the last lockout began; a right password, when no lock stands, deletes the row.</summary>
    public int FailedCount { get; set; }

    /// <summary>How many lockouts in a row: each one lasts twice as long as the previous, up to a ceiling.</summary>
    public int LockoutCount { get; set; }

    /// <summary>When the current lockout ends; null or past when none stands.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Last failure or lockout: idle rows are deleted by housekeeping, unless still locked.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
