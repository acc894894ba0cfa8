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

    /// <summary>Set when the code died of too many wrong entries.</summary>
    public DateTimeOffset? ExhaustedAt { get; set; }

    /// <summary>
    /// Wrong entries of this code, kept after a new code replaced it: the back-off before the next code counts every
    /// wrong entry to the address (<see cref="ResetCodeWindow.DeadCodeEquivalents"/>), so asking for a new code before
    /// the last entry does not dodge it.
    /// </summary>
    public int WrongEntries { get; set; }
}
