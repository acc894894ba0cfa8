namespace IdP.Core.PasswordReset;

/// <summary>
/// The tenant's "Self service password reset enabled" switch as administrators change it (the admin API, portal and
/// CLI). It lives in the database and is read on every use, so a change is seen by every node at once.
/// </summary>
public sealed class PasswordResetAdministration(PasswordResetSettingsService settings, AdminAudit audit)
{
    /// <summary>The current switch.</summary>
    public Task<PasswordResetSettings> GetAsync(CancellationToken cancellationToken) => settings.GetAsync(cancellationToken);

    /// <summary>Sets the switch: None, All, or Selected with an existing group.</summary>
    public Task<AdminResult<PasswordResetSettings>> ChangeAsync(PasswordResetSettingsInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PasswordResetSettings? before = null;
        return audit.RecordAsync<PasswordResetSettings>(actor, async () =>
        {
            if (input.Mode is not { } mode)
            {
                return new AdminResult<PasswordResetSettings>.Invalid("mode", AdminText.ResetModeRequired);
            }

            var wanted = new PasswordResetSettings(mode, input.GroupId);
            if (await settings.CheckAsync(wanted, cancellationToken) is { Count: > 0 } errors)
            {
                return new AdminResult<PasswordResetSettings>.Invalid(errors);
            }

            before = await settings.GetAsync(cancellationToken);
            return await settings.ChangeAsync(wanted, cancellationToken) switch
            {
                PasswordResetSettingsChange.Saved saved => new AdminResult<PasswordResetSettings>.Done(saved.Settings),
                PasswordResetSettingsChange.Invalid invalid => new AdminResult<PasswordResetSettings>.Invalid([.. invalid.Errors.Select(e => new FieldError("", e))]),
                _ => throw new InvalidOperationException("Unexpected result."),
            };
        }, after => new AdminEvent(AdminEventTypes.PasswordResetSettingsChanged, "settings:password-reset", $"{Describe(before)} -> {Describe(after)}"), cancellationToken);
    }

    private static string Describe(PasswordResetSettings? settings) =>
        settings is null ? "?" : settings.GroupId is { } group ? $"{settings.Mode} (group {group:D})" : settings.Mode.ToString();
}

/// <summary>The switch as administrators send it: <c>mode</c> (required) and, for Selected, <c>groupId</c>.</summary>
public sealed record PasswordResetSettingsInput
{
    /// <summary>Who may reset their own password: None, Selected (one group) or All.</summary>
    public PasswordResetMode? Mode { get; init; }
    /// <summary>The group whose members may reset, when the mode is Selected.</summary>
    public Guid? GroupId { get; init; }
}
