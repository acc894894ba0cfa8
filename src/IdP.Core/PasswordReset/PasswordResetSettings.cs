namespace IdP.Core.PasswordReset;

/// <summary>The tenant's reset switch: who may reset (None, Selected group, All).</summary>
/// <param name="Mode">Who may reset.</param>
/// <param name="GroupId">The group whose members may reset when <paramref name="Mode"/> is Selected.</param>
public sealed record PasswordResetSettings(PasswordResetMode Mode, Guid? GroupId)
{
    /// <summary>Reset is off (the default, and the answer before the tenant exists).</summary>
    public static PasswordResetSettings Off { get; } = new(PasswordResetMode.None, null);

    /// <summary>True when anyone at all may reset.</summary>
    public bool Enabled => Mode != PasswordResetMode.None;
}

/// <summary>
/// Reads and changes the tenant's "Self service password reset enabled" switch, which lives in the database. The admin
/// API calls <see cref="ChangeAsync"/>; start-up calls <see cref="ApplyInitialAsync"/> with the configured value.
/// </summary>
public sealed class PasswordResetSettingsService(IIdPDbContext db, TenantService tenants, TimeProvider time)
{
    /// <summary>The current switch, from the tenant row this request reads once (<see cref="TenantService"/>).</summary>
    public async Task<PasswordResetSettings> GetAsync(CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(cancellationToken);
        return tenant is null ? PasswordResetSettings.Off : new PasswordResetSettings(tenant.PasswordResetMode, tenant.PasswordResetGroupId);
    }

    /// <summary>Problems with <paramref name="settings"/>, each naming its field (<c>mode</c>, <c>groupId</c>); empty when they can be saved.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(PasswordResetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(settings.Mode))
        {
            errors.Add(new("mode", AdminText.ResetNoSuchMode(settings.Mode)));
        }

        if (settings.Mode == PasswordResetMode.Selected && settings.GroupId is null)
        {
            errors.Add(new("groupId", AdminText.ResetGroupRequired));
        }

        if (settings.GroupId is { } groupId && !await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            errors.Add(new("groupId", AdminText.ResetGroupMissing(groupId)));
        }

        if (!await db.Tenants.AnyAsync(cancellationToken))
        {
            errors.Add(new("", AdminText.TenantMissing));
        }

        return errors;
    }

    /// <summary>Changes the switch; Selected needs an existing group.</summary>
    public async Task<PasswordResetSettingsChange> ChangeAsync(PasswordResetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = await CheckAsync(settings, cancellationToken);
        if (errors.Count > 0)
        {
            return new PasswordResetSettingsChange.Invalid([.. errors.Select(e => e.Message)]);
        }

        var tenant = await db.Tenants.OrderBy(t => t.CreatedAt).FirstAsync(cancellationToken);
        var now = time.UtcNow();
        tenant.PasswordResetMode = settings.Mode;
        tenant.PasswordResetGroupId = settings.GroupId;
        tenant.PasswordResetConfiguredAt = now;
        tenant.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        tenants.Forget();
        return new PasswordResetSettingsChange.Saved(settings);
    }

    /// <summary>
    /// Writes the configured switch while the database holds none yet (creating the configured group, empty, when it
    /// is missing); afterwards configuration is ignored and the database decides.
    /// </summary>
    public async Task<InitialSettings> ApplyInitialAsync(PasswordResetOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tenant = await db.Tenants.AsNoTracking().OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null || options.Mode is not { } mode)
        {
            return new InitialSettings.NotConfigured();
        }

        var current = new PasswordResetSettings(tenant.PasswordResetMode, tenant.PasswordResetGroupId);
        if (tenant.PasswordResetConfiguredAt is not null)
        {
            var configured = new PasswordResetSettings(mode, options.GroupId);
            return configured == current ? new InitialSettings.AlreadyApplied(current) : new InitialSettings.DatabaseWins(current, configured);
        }

        if (options.GroupId is { } groupId && !await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            db.Groups.Add(new Groups.Group { Id = groupId, Name = "Self-service password reset", Description = "Members may reset their own password when the reset switch is Selected.", CreatedAt = time.UtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await ChangeAsync(new PasswordResetSettings(mode, options.GroupId), cancellationToken) switch
        {
            PasswordResetSettingsChange.Saved saved => new InitialSettings.Applied(saved.Settings),
            PasswordResetSettingsChange.Invalid invalid => throw new InvalidOperationException(string.Join(" ", invalid.Errors)),
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }
}

/// <summary>Outcome of changing the reset switch.</summary>
public abstract record PasswordResetSettingsChange
{
    private PasswordResetSettingsChange()
    {
    }

    /// <summary>The switch is stored.</summary>
    /// <param name="Settings">The switch as stored.</param>
    public sealed record Saved(PasswordResetSettings Settings) : PasswordResetSettingsChange;

    /// <summary>Nothing changed.</summary>
    /// <param name="Errors">Why, worded for the operator: no group for Selected, an unknown group, or no tenant yet.</param>
    public sealed record Invalid(IReadOnlyList<string> Errors) : PasswordResetSettingsChange;
}

/// <summary>What start-up did with the configured reset switch.</summary>
public abstract record InitialSettings
{
    private InitialSettings()
    {
    }

    /// <summary>Nothing is configured (or there is no tenant yet).</summary>
    public sealed record NotConfigured : InitialSettings;

    /// <summary>The database held no setting; the configured one is now stored.</summary>
    /// <param name="Settings">The switch now stored.</param>
    public sealed record Applied(PasswordResetSettings Settings) : InitialSettings;

    /// <summary>The stored setting equals the configured one.</summary>
    /// <param name="Settings">The stored switch.</param>
    public sealed record AlreadyApplied(PasswordResetSettings Settings) : InitialSettings;

    /// <summary>The stored setting differs from configuration, and is kept.</summary>
    /// <param name="Stored">The switch in the database, which stays.</param>
    /// <param name="Configured">The switch configuration asks for, which is ignored.</param>
    public sealed record DatabaseWins(PasswordResetSettings Stored, PasswordResetSettings Configured) : InitialSettings;
}
