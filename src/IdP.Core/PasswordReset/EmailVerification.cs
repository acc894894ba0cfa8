namespace IdP.Core.PasswordReset;

/// <summary>
/// A verification code sent for one journey to one address. Only a hash of the code is kept. A row exists for every
/// send, whether or not an account has the address, so pages and timing are the same for unknown addresses (the
/// per-address limits count <see cref="EmailCodeSend"/> rows, written alongside).
/// </summary>
public sealed class EmailVerification
{
    /// <summary>Primary key; the code's <see cref="EmailCodeSend"/> row has the same id.</summary>
    public Guid Id { get; set; }

    /// <summary>
    /// What the code proves: a reset's mailbox, or a sign-in's second factor. Each reads only its own codes, so a code
    /// sent for one never counts for the other in the same journey.
    /// </summary>
    public EmailCodePurpose Purpose { get; set; } = EmailCodePurpose.PasswordReset;

    /// <summary>The journey the code was sent in; the row is deleted with it.</summary>
    public required string JourneyId { get; set; }

    /// <summary>
    /// The address as typed, trimmed: shown back on the page, and what the account is matched by again at verification.
    /// Never mailed to: codes go to the address as an account stores it (see <see cref="ResetAccounts.MatchAsync"/>).
    /// </summary>
    public required string Address { get; set; }

    /// <summary>For username flows: the username typed with the address, trimmed (to show it back on the page).</summary>
    public string? Username { get; set; }

    /// <summary>For username flows: the normalised username the user typed with the address.</summary>
    public string? NormalizedUsername { get; set; }

    /// <summary>Salted hash of the code (see the reset service); never the code itself.</summary>
    public required string CodeHash { get; set; }

    /// <summary>When the code was sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the code stops working (<see cref="PasswordResetOptions.CodeLifetime"/> after sending).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Wrong entries so far: each entry is counted before its comparison (a right one is taken back), so parallel guesses cannot exceed the limit.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Pending until the right code is entered; the later states say whether it was used or why it stopped working.</summary>
    public EmailVerificationStatus Status { get; set; } = EmailVerificationStatus.Pending;

    /// <summary>When the right code was entered.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>
    /// A reset's: set after verification, the account the address belongs to (null when none does). A second factor's:
    /// the account that proved its password, set when the code is sent; only that account's codes are checked.
    /// </summary>
    public Guid? AccountId { get; set; }

    /// <summary>Optimistic concurrency token: verifying or replacing the code renews it, so a tracked save over a stale copy fails.</summary>
    public Guid Version { get; set; }
}

/// <summary>What an emailed verification code is for.</summary>
public enum EmailCodePurpose
{
    /// <summary>Step 1 of a password reset: the typed address's mailbox.</summary>
    PasswordReset = 0,

    /// <summary>A sign-in's second factor: the mailbox of the account that proved its password.</summary>
    Multifactor = 1,
}

/// <summary>Life of a verification code.</summary>
public enum EmailVerificationStatus
{
    /// <summary>Sent and waiting to be entered.</summary>
    Pending = 0,

    /// <summary>The right code was entered: the mailbox is proven and the user may choose a new password.</summary>
    Verified = 1,

    /// <summary>A newer code for the same journey replaced it.</summary>
    Replaced = 2,

    /// <summary>Too many wrong entries.</summary>
    Exhausted = 3,

    /// <summary>Used to set a new password.</summary>
    Used = 4,
}
