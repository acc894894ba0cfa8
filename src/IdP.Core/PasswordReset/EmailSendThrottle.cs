namespace IdP.Core.PasswordReset;

/// <summary>
/// One row per address codes were sent to (keyed by a hash, never the address). Its conditional update is the atomic
/// resend cooldown (or back-off), and the row lock it takes makes concurrent sends to one address, on any node, wait for
/// each other, so the hourly and daily counts over <see cref="EmailCodeSend"/> rows cannot be overrun by a race.
/// </summary>
public sealed class EmailSendThrottle
{
    /// <summary>Hex SHA-256 of the normalised address (<see cref="EmailCodeUse.LimitKey"/>: a reset's and a second factor's apart).</summary>
    public required string AddressHash { get; set; }

    /// <summary>When the last code went to the address: the cooldown (or back-off) runs from here.</summary>
    public DateTimeOffset LastSentAt { get; set; }
}
