namespace IdP.Core.Email;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as whatever caused it (a code, a notice), and a
/// background worker on any node sends it with retries, so an SMTP outage delays mail but never loses it. Bodies are
/// encrypted with Data Protection (they can hold a verification code) and erased once the message is sent, dropped or
/// failed for good.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Primary key; logs name messages by it.</summary>
    public Guid Id { get; set; }

    /// <summary>What the message is (such as <c>password_reset.code</c>), for logs and operators.</summary>
    public required string Kind { get; set; }

    /// <summary>The recipient's address.</summary>
    public required string ToAddress { get; set; }

    /// <summary>The recipient's display name, when known.</summary>
    public string? ToName { get; set; }

    /// <summary>The subject line, in clear (unlike the bodies), so a failed message stays readable to an operator.</summary>
    public required string Subject { get; set; }

    /// <summary>Protected plain-text body; null once sent, dropped or failed.</summary>
    public string? ProtectedTextBody { get; set; }

    /// <summary>Protected HTML body; null once sent, dropped or failed.</summary>
    public string? ProtectedHtmlBody { get; set; }

    /// <summary>When the message was prepared.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the content stops being of use (a code's expiry): a message not sent by then is dropped, never sent late.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// Written for an address no account has, exactly like a real message, so that asking for a code does the same work
    /// whether or not the address is known. The worker drops it without sending.
    /// </summary>
    public bool IsDecoy { get; set; }

    /// <summary>Set when the worker dropped the message unsent: a decoy, or expired before it could go.</summary>
    public DateTimeOffset? DroppedAt { get; set; }

    /// <summary>Send attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When the message is due: creation for the first try, then each retry's back-off.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the mail system accepted the message.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when retries are exhausted or the message can never be sent; the row stays for an operator to see.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; set; }

    /// <summary>A node that claimed the message owns it until then; another node may take over after.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The node that claimed the message, so only it records the attempt's outcome.</summary>
    public string? LockedBy { get; set; }
}
