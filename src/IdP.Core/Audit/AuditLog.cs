using IdP.Core.Data;
using IdP.Core.Time;

namespace IdP.Core.Audit;

/// <summary>Who is making the current request, for audit events (the web host supplies it from the HTTP request).</summary>
public interface IAuditContext
{
    string? IpAddress { get; }
    string? UserAgent { get; }
    string? CorrelationId { get; }
}

/// <summary>
/// Records audit events. <see cref="Add"/> stages an event in the caller's unit of work so it commits (or not)
/// together with the change it describes; <see cref="RecordAsync"/> saves at once.
/// </summary>
public sealed class AuditLog(IIdPDbContext db, TimeProvider time, IAuditContext context)
{
    private const int MaxUserAgent = 512;

    /// <summary>Stages an event; it is written by the caller's next SaveChanges.</summary>
    public AuditEvent Add(string type, Guid? accountId = null, string? policy = null, string? clientId = null, string? details = null)
    {
        var userAgent = context.UserAgent;
        var entry = new AuditEvent
        {
            OccurredAt = time.UtcNow(),
            Type = type,
            AccountId = accountId,
            Policy = policy,
            ClientId = clientId,
            IpAddress = context.IpAddress,
            UserAgent = userAgent is { Length: > MaxUserAgent } ? userAgent[..MaxUserAgent] : userAgent,
            CorrelationId = context.CorrelationId,
            Details = details,
        };
        db.AuditEvents.Add(entry);
        return entry;
    }

    /// <summary>Writes an event now.</summary>
    public async Task RecordAsync(string type, Guid? accountId = null, string? policy = null, string? clientId = null, string? details = null, CancellationToken cancellationToken = default)
    {
        Add(type, accountId, policy, clientId, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Audit event types (stable identifiers: the admin audit log and exports filter on them).</summary>
public static class AuditEventTypes
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.locked_out";
    public const string SignInDisabled = "signin.disabled";
    public const string SignOut = "signout";
    public const string RefreshTokenRefused = "token.refresh_refused";

    public const string ResetCodeSent = "password_reset.code_sent";
    public const string ResetCodeVerified = "password_reset.code_verified";
    public const string ResetCodeFailed = "password_reset.code_failed";
    public const string ResetThrottled = "password_reset.throttled";
    public const string ResetRefused = "password_reset.refused";
    public const string PasswordChanged = "password_reset.password_changed";
}
