namespace IdP.Core.Email;

/// <summary>
/// Prepares outbox rows. The caller adds the row to its own unit of work, so a message exists exactly when the change
/// that caused it commits; the web host's worker sends it later, with retries.
/// </summary>
public interface IEmailOutbox
{
    /// <summary>
    /// An outbox row for <paramref name="message"/>, bodies protected, due now, and dropped unsent after
    /// <paramref name="expiresAt"/> when given. Not yet added to any context.
    /// </summary>
    OutboxMessage Prepare(string kind, EmailMessage message, DateTimeOffset? expiresAt = null);

    /// <summary>
    /// A row made exactly as <see cref="Prepare"/> makes it, but marked <see cref="OutboxMessage.IsDecoy"/>: the worker
    /// drops it without sending. For callers that must do the same work whether or not they have someone to mail.
    /// </summary>
    OutboxMessage PrepareDecoy(string kind, EmailMessage message, DateTimeOffset? expiresAt = null);

    /// <summary>Tells this node's worker that committed messages are waiting (other nodes find them by polling).</summary>
    void Wake();
}
