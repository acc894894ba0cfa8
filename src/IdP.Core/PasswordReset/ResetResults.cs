namespace IdP.Core.PasswordReset;

/// <summary>Outcome of asking for a code. Identical for known and unknown addresses.</summary>
public abstract record SendCodeResult
{
    private SendCodeResult()
    {
    }

    /// <summary>A code is stored and, when an account has the address, its email is in the outbox.</summary>
    /// <param name="ExpiresAt">When the code stops working.</param>
    public sealed record Sent(DateTimeOffset ExpiresAt) : SendCodeResult;

    /// <summary>The resend cooldown (or back-off), or the hourly or daily limit, for this address was hit ("There have been too many requests…").</summary>
    public sealed record Throttled : SendCodeResult;

    /// <summary>What was typed cannot be an address (or, on username flows, a username).</summary>
    /// <param name="Email">The problem with the typed address, or null when it is fine.</param>
    /// <param name="Username">The problem with the typed username (username flows), or null.</param>
    public sealed record Invalid(ResetInputProblem? Email, ResetInputProblem? Username) : SendCodeResult;

    /// <summary>Resend or verify without a code sent first in this journey.</summary>
    public sealed record NoCode : SendCodeResult;
}

/// <summary>Why a typed address or username was refused before anything was sent.</summary>
public enum ResetInputProblem
{
    /// <summary>Nothing was typed.</summary>
    Required,

    /// <summary>What was typed cannot be an email address (or a username).</summary>
    Malformed,
}

/// <summary>Outcome of entering a code.</summary>
public abstract record VerifyCodeResult
{
    private VerifyCodeResult()
    {
    }

    /// <summary>The code was right: the mailbox is proven.</summary>
    public sealed record Verified : VerifyCodeResult;

    /// <summary>Wrong code; <see cref="AttemptsLeft"/> more tries before it dies.</summary>
    public sealed record Wrong(int AttemptsLeft) : VerifyCodeResult;

    /// <summary>The code's time is up, or it was used already: a new one is needed.</summary>
    public sealed record Expired : VerifyCodeResult;

    /// <summary>Too many wrong entries: this code is dead.</summary>
    public sealed record Exhausted : VerifyCodeResult;

    /// <summary>Nothing typed.</summary>
    public sealed record Empty : VerifyCodeResult;
}

/// <summary>Where the journey's email verification stands, for drawing step 1.</summary>
/// <param name="Status">The status of the journey's current code.</param>
/// <param name="Address">The address the code was asked for, as typed.</param>
/// <param name="Username">The username typed with it, on username flows.</param>
public sealed record ResetCodeState(EmailVerificationStatus? Status, string? Address, string? Username)
{
    /// <summary>No code has been sent in this journey yet.</summary>
    public static ResetCodeState None { get; } = new(null, null, null);
}

/// <summary>Outcome of choosing a new password (step 2).</summary>
public abstract record ChangePasswordResult
{
    private ChangePasswordResult()
    {
    }

    /// <summary>The password is changed, the security stamp rotated, lockout cleared; the account is as saved.</summary>
    /// <param name="Account">The account as saved.</param>
    /// <param name="ChangedAt">When the password changed.</param>
    public sealed record Changed(Accounts.Account Account, DateTimeOffset ChangedAt) : ChangePasswordResult;

    /// <summary>A field was left empty.</summary>
    /// <param name="NewPassword">True when the new password was left empty.</param>
    /// <param name="Confirmation">True when its confirmation was left empty.</param>
    public sealed record Required(bool NewPassword, bool Confirmation) : ChangePasswordResult;

    /// <summary>The two entries differ.</summary>
    public sealed record Mismatch : ChangePasswordResult;

    /// <summary>The password breaks the flow's rules.</summary>
    /// <param name="Problems">Every rule the password breaks.</param>
    public sealed record Rejected(IReadOnlyList<Passwords.PasswordProblem> Problems) : ChangePasswordResult;

    /// <summary>The new password is the account's current one (a forced change must change it).</summary>
    public sealed record SameAsCurrent : ChangePasswordResult;

    /// <summary>No verified mailbox in this journey (or it was used): back to step 1. For a forced change: the journey holds no proven password.</summary>
    public sealed record NotVerified : ChangePasswordResult;

    /// <summary>The verified mailbox does not lead to an account that may reset.</summary>
    /// <param name="Eligibility">Why the account may not reset.</param>
    public sealed record NotAllowed(ResetEligibility Eligibility) : ChangePasswordResult;
}
