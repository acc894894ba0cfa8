namespace IdP.Core.Email;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as whatever caused it (a code, a notice), and a
/// background worker on any node sends it with retries, so an SMTP outage delays mail but never loses it. Bodies are
/// encrypted with Data Protection (they can hold a verification code) and erased once the message is sent.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }

    /// <summary>Protected plain-text body; null once sent.</summary>
    public string? ProtectedTextBody { get; set; }

    /// <summary>Protected HTML body; null once sent.</summary>
    public string? ProtectedHtmlBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when retries are exhausted; the message stays for an operator to see.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>A node that claimed the message owns it until then; another node may take over after.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LockedBy { get; set; }
}
