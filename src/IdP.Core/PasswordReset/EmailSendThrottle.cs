namespace IdP.Core.PasswordReset;

/// <summary>
/// One row per address codes were sent to (keyed by a hash, never the address). Its conditional update is the atomic
/// resend cooldown, and the row lock it takes makes concurrent sends to one address, on any node, wait for each other,
/// so the hourly count over <see cref="EmailVerification"/> rows cannot be overrun by a race.
/// </summary>
public sealed class EmailSendThrottle
{
    /// <summary>Same value as <see cref="EmailVerification.AddressHash"/>.</summary>
    public required string AddressHash { get; set; }

    public DateTimeOffset LastSentAt { get; set; }
}
