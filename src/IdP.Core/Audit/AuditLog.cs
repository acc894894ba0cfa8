namespace IdP.Core.Audit;

/// <summary>Who is making the current request, for audit events (the web host supplies it from the HTTP request).</summary>
public interface IAuditContext
{
    /// <summary>The client's IP address, or null outside a request.</summary>
    string? IpAddress { get; }

    /// <summary>The client's user agent, or null when it sent none.</summary>
    string? UserAgent { get; }

    /// <summary>The request's correlation id, as error pages show it.</summary>
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
    /// <summary>A user signed in with a password during a journey (a reset records <see cref="PasswordChanged"/> instead).</summary>
    public const string SignInSucceeded = "signin.succeeded";

    /// <summary>A wrong password or an unknown sign-in name; the event names no account either way.</summary>
    public const string SignInFailed = "signin.failed";

    /// <summary>A sign-in refused because the sign-in name is locked out.</summary>
    public const string SignInLockedOut = "signin.locked_out";

    /// <summary>A sign-in refused because the account is disabled.</summary>
    public const string SignInDisabled = "signin.disabled";

    /// <summary>The SSO session ended at a user flow's logout endpoint.</summary>
    public const string SignOut = "signout";

    /// <summary>A refresh token refused (account gone, disabled or changed, or window ended); <see cref="AuditEvent.Details"/> holds the AADB2C code.</summary>
    public const string RefreshTokenRefused = "token.refresh_refused";

    /// <summary>A password reset verification code was queued, whether or not an account has the address.</summary>
    public const string ResetCodeSent = "password_reset.code_sent";

    /// <summary>A verification code was entered correctly.</summary>
    public const string ResetCodeVerified = "password_reset.code_verified";

    /// <summary>A verification code was wrong, expired, or exhausted by wrong entries; <see cref="AuditEvent.Details"/> says which.</summary>
    public const string ResetCodeFailed = "password_reset.code_failed";

    /// <summary>No code was sent: the address is within its cooldown or back-off, or over its hourly or daily limit.</summary>
    public const string ResetThrottled = "password_reset.throttled";

    /// <summary>A sign-in's second factor: a code was mailed to the account's address.</summary>
    public const string MultifactorCodeSent = "mfa.code_sent";

    /// <summary>A sign-in's second factor: the code was entered correctly.</summary>
    public const string MultifactorCodeVerified = "mfa.code_verified";

    /// <summary>A sign-in's second factor: a wrong, expired or dead code was entered (the detail says which).</summary>
    public const string MultifactorCodeFailed = "mfa.code_failed";

    /// <summary>A sign-in's second factor: no code was sent (the address's cooldown, back-off or counts).</summary>
    public const string MultifactorThrottled = "mfa.throttled";

    /// <summary>A verified address may not reset (no account, reset switched off for it, or account disabled).</summary>
    public const string ResetRefused = "password_reset.refused";

    /// <summary>An account's password was changed by a reset.</summary>
    public const string PasswordChanged = "password_reset.password_changed";

    /// <summary>
    /// The right password of an account marked to change it, on a flow with "Forced password reset": no sign-in yet,
    /// the user is asked for a new password.
    /// </summary>
    public const string PasswordChangeRequired = "signin.password_change_required";

    /// <summary>The user chose a new password after a <see cref="PasswordChangeRequired"/>; the sign-in then completes.</summary>
    public const string ForcedPasswordChanged = "signin.password_changed";
}
