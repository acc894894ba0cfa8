namespace IdP.Server.Email;

// Message ids and kinds only: addresses and bodies stay out of logs.
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Email: sending through SMTP server {Host}:{Port} ({Security}).")]
    public static partial void UsingSmtp(ILogger logger, string host, int port, SmtpSecurity security);

    [LoggerMessage(4002, LogLevel.Information, "Email: no SMTP host configured (IdP:Email:Smtp:Host); messages are written as .eml files to {Folder}.")]
    public static partial void UsingPickupDirectory(ILogger logger, string folder);

    [LoggerMessage(4003, LogLevel.Information, "Email {MessageId} ({Kind}) sent after {Attempts} attempt(s).")]
    public static partial void Sent(ILogger logger, Guid messageId, string kind, int attempts);

    [LoggerMessage(4004, LogLevel.Warning, "Email {MessageId} ({Kind}) attempt {Attempts} failed; next attempt at {NextAttemptAt:O}. {Error}")]
    public static partial void WillRetry(ILogger logger, Guid messageId, string kind, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(4005, LogLevel.Error, "Email {MessageId} ({Kind}) failed for good after {Attempts} attempt(s); it stays in the outbox marked failed. {Error}")]
    public static partial void GaveUp(ILogger logger, Guid messageId, string kind, int attempts, string error);

    [LoggerMessage(4006, LogLevel.Error, "An outbox round failed; the next round will try again.")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(4007, LogLevel.Debug, "Email written to {Path}.")]
    public static partial void WrotePickupFile(ILogger logger, string path);

    [LoggerMessage(4008, LogLevel.Debug, "Email {MessageId} ({Kind}) was a decoy (no account has its address) and was dropped unsent.")]
    public static partial void DroppedDecoy(ILogger logger, Guid messageId, string kind);

    [LoggerMessage(4009, LogLevel.Warning, "Email {MessageId} ({Kind}) expired before it could be sent ({Attempts} attempt(s)) and was dropped.")]
    public static partial void DroppedExpired(ILogger logger, Guid messageId, string kind, int attempts);
}
