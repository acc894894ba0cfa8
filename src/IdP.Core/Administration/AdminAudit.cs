namespace IdP.Core.Administration;

/// <summary>
/// Writes the audit event of an administrator's change in the same transaction as the change itself, so a change is
/// never stored without its event (nor an event without its change). The event's client id is the actor (the calling
/// application, or the portal's administrator), its details name the target and summarise the change, never a secret
/// or password. Administrative changes run one at a time across every node
/// (<see cref="IdPDbContextExtensions.SerializeAdministrativeChangesAsync"/>), so two creates of one sign-in name or
/// group name are decided by the checks before the write (the second gets the field error a later create gets), not by
/// the database refusing a duplicate key, which EF Core would log as an error.
/// </summary>
public sealed partial class AdminAudit(IIdPDbContext db, AuditLog audit, ILogger<AdminAudit> logger)
{
    /// <summary>
    /// Runs <paramref name="change"/> in a transaction; when <paramref name="describe"/> turns its result into an event,
    /// the event is saved and both commit together; otherwise the transaction is rolled back.
    /// </summary>
    public async Task<AdminResult<T>> RecordAsync<T>(string actor, Func<Task<AdminResult<T>>> change, Func<T, AdminEvent> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(describe);
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        try
        {
            await db.SerializeAdministrativeChangesAsync(cancellationToken);
            var result = await change();
            if (result is not AdminResult<T>.Done done)
            {
                return result;
            }

            var entry = describe(done.Value);
            audit.Add(entry.Type, entry.AccountId, entry.Policy, Truncate(actor, 256), Truncate($"{entry.Target}: {entry.Summary}", 4096));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException exception)
        {
            // A change raced with another write for the same unique value and lost (administrative changes are
            // serialised, so not with one of those): nothing is stored, and the next change in this scope (the next
            // line of an import) starts from a clean slate.
            db.ChangeTracker.Clear();
            Log.ConcurrentChange(logger, exception.GetType().Name);
            return new AdminResult<T>.Invalid("", AdminText.ConcurrencyConflict);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Warning, "An administrative change lost a race with another change and was not stored ({Exception}).")]
        public static partial void ConcurrentChange(ILogger logger, string exception);
    }
}

/// <summary>One administrative change as the audit log records it.</summary>
/// <param name="Type">The action (<see cref="AdminEventTypes"/>).</param>
/// <param name="Target">What was changed, as <c>kind:id</c> (<c>application:tasks-api</c>, <c>user:{guid}</c>).</param>
/// <param name="Summary">A short description of the change (which fields), never a value that is a secret.</param>
public sealed record AdminEvent(string Type, string Target, string Summary)
{
    /// <summary>The account the change is about, so the log can be filtered by account.</summary>
    public Guid? AccountId { get; init; }

    /// <summary>The user flow the change is about.</summary>
    public string? Policy { get; init; }
}

/// <summary>Audit event types of administrative changes (stable identifiers: the audit log is filtered on them).</summary>
public static class AdminEventTypes
{
    /// <summary>An <see cref="AuditFilter.Type"/> that matches every administrative change (and nothing else).</summary>
    public const string Any = "admin.*";

    /// <summary>An application was registered.</summary>
    public const string ApplicationCreated = "admin.application.created";
    /// <summary>An application was changed.</summary>
    public const string ApplicationUpdated = "admin.application.updated";
    /// <summary>An application was deleted.</summary>
    public const string ApplicationDeleted = "admin.application.deleted";
    /// <summary>A client secret was added.</summary>
    public const string SecretAdded = "admin.application.secret_added";
    /// <summary>A client secret was removed.</summary>
    public const string SecretRemoved = "admin.application.secret_removed";
    /// <summary>A user flow was created.</summary>
    public const string UserFlowCreated = "admin.user_flow.created";
    /// <summary>A user flow was changed.</summary>
    public const string UserFlowUpdated = "admin.user_flow.updated";
    /// <summary>A user flow was deleted.</summary>
    public const string UserFlowDeleted = "admin.user_flow.deleted";
    /// <summary>A user was created.</summary>
    public const string UserCreated = "admin.user.created";
    /// <summary>A user was changed.</summary>
    public const string UserUpdated = "admin.user.updated";
    /// <summary>A user was deleted.</summary>
    public const string UserDeleted = "admin.user.deleted";
    /// <summary>A user was enabled.</summary>
    public const string UserEnabled = "admin.user.enabled";
    /// <summary>A user was disabled.</summary>
    public const string UserDisabled = "admin.user.disabled";
    /// <summary>An administrator set a user's password.</summary>
    public const string UserPasswordSet = "admin.user.password_set";
    /// <summary>A user's sessions and grants were revoked.</summary>
    public const string UserSessionsRevoked = "admin.user.sessions_revoked";
    /// <summary>A group was created.</summary>
    public const string GroupCreated = "admin.group.created";
    /// <summary>A group was changed.</summary>
    public const string GroupUpdated = "admin.group.updated";
    /// <summary>A group was deleted.</summary>
    public const string GroupDeleted = "admin.group.deleted";
    /// <summary>A member was added to a group.</summary>
    public const string GroupMemberAdded = "admin.group.member_added";
    /// <summary>A member was removed from a group.</summary>
    public const string GroupMemberRemoved = "admin.group.member_removed";
    /// <summary>An account was made an administrator.</summary>
    public const string AdministratorGranted = "admin.administrator.granted";
    /// <summary>An account stopped being an administrator.</summary>
    public const string AdministratorRevoked = "admin.administrator.revoked";
    /// <summary>The self-service password reset switch changed.</summary>
    public const string PasswordResetSettingsChanged = "admin.settings.password_reset_changed";
    /// <summary>An administrator published new token keys ahead of the schedule (the CLI's <c>keys rotate</c>).</summary>
    public const string KeysRotated = "admin.keys.rotated";
    /// <summary>Branding's colours or texts changed.</summary>
    public const string BrandingUpdated = "admin.branding.updated";
    /// <summary>A branding image was uploaded or replaced.</summary>
    public const string BrandingImageUploaded = "admin.branding.image_uploaded";
    /// <summary>A branding image was removed.</summary>
    public const string BrandingImageRemoved = "admin.branding.image_removed";
    /// <summary>The tenant's string overrides of a language were replaced.</summary>
    public const string BrandingStringsChanged = "admin.branding.strings_changed";
}
