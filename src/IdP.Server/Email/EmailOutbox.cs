namespace IdP.Server.Email;

/// <summary>Turns messages into outbox rows with bodies protected by Data Protection (they may hold a code).</summary>
internal sealed class EmailOutbox(IDataProtectionProvider protection, OutboxSignal signal, TimeProvider time) : IEmailOutbox
{
    public const string Purpose = "IdP.Email.Outbox.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public OutboxMessage Prepare(string kind, EmailMessage message, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.UtcNow();
        return new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            ProtectedTextBody = _protector.Protect(message.TextBody),
            ProtectedHtmlBody = _protector.Protect(message.HtmlBody),
            CreatedAt = now,
            NextAttemptAt = now,
            ExpiresAt = expiresAt,
        };
    }

    public OutboxMessage PrepareDecoy(string kind, EmailMessage message, DateTimeOffset? expiresAt = null)
    {
        // Built (and encrypted) like a real message, so the caller's work and its INSERT are the same either way.
        var row = Prepare(kind, message, expiresAt);
        row.IsDecoy = true;
        return row;
    }

    public void Wake() => signal.Set();

    /// <summary>A body as it was before <see cref="Prepare"/> protected it.</summary>
    public string Unprotect(string protectedBody) => _protector.Unprotect(protectedBody);
}
