namespace IdP.Core.PasswordReset;

/// <summary>
/// One code sent to one address (keyed by a hash, never the address), known or not: what the hourly and daily limits
/// and the back-off after dead codes count. Kept a day, apart from <see cref="EmailVerification"/> rows, which go with
/// their journey and so cannot be trusted to stay that long.
/// </summary>
public sealed class EmailCodeSend
{
    /// <summary>The id of the <see cref="EmailVerification"/> the code belongs to.</summary>
    public Guid Id { get; set; }

    /// <summary>Same value as <see cref="EmailSendThrottle.AddressHash"/>.</summary>
    public required string AddressHash { get; set; }

    /// <summary>When the code was sent: the hourly and daily windows count from here.</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>Set when the code died of too many wrong entries: each such code lengthens the wait for the next one.</summary>
    public DateTimeOffset? ExhaustedAt { get; set; }
}
