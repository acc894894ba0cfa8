namespace IdP.Core.Email;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as whatever caused it (a code, a notice), and a
/// background worker on any node sends it with retries, so an SMTP outage delays mail but never loses it. Bodies are
/// encrypted with Data Protection (they can hold a verification code) and erased once the message is sent, dropped or
/// failed for good.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }

    /// <summary>Protected plain-text body; null once sent, dropped or failed.</summary>
    public string? ProtectedTextBody { get; set; }

    /// <summary>Protected HTML body; null once sent, dropped or failed.</summary>
    public string? ProtectedHtmlBody { get; set; }

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

    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when retries are exhausted or the message can never be sent; the row stays for an operator to see.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>A node that claimed the message owns it until then; another node may take over after.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LockedBy { get; set; }
}
