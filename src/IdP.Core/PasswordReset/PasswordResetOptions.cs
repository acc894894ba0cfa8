namespace IdP.Core.PasswordReset;

/// <summary>
/// Bound from <c>IdP:PasswordReset</c>. Code rules follow B2C's one-time-password defaults. <see cref="Mode"/> and
/// <see cref="GroupId"/> are only the initial switch: they are written to the database once, while it holds no reset
/// setting yet; after that the database (changed through <see cref="PasswordResetSettingsService"/>) is the truth.
/// </summary>
public sealed class PasswordResetOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "IdP:PasswordReset";

    /// <summary>Initial "Self service password reset enabled" value: None, Selected or All.</summary>
    public PasswordResetMode? Mode { get; set; }

    /// <summary>Initial group for <see cref="PasswordResetMode.Selected"/>; created (empty) when it does not exist.</summary>
    public Guid? GroupId { get; set; }

    /// <summary>How long a code is valid (B2C's <c>CodeExpirationInSeconds</c>: default 600, range 60-1200).</summary>
    [Range(60, 1200)]
    public int CodeLifetimeSeconds { get; set; } = 600;

    /// <summary>Wrong entries that kill a code (B2C's <c>NumRetryAttempts</c>).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Codes sent to one address in any hour (B2C's <c>NumCodeGenerationAttempts</c>).</summary>
    [Range(1, 100)]
    public int MaxCodesPerHour { get; set; } = 10;

    /// <summary>
    /// Codes sent to one address in any 24 hours. The hourly limit alone allows 240 codes (1,200 guesses) a day; this
    /// caps the guesses a patient attacker gets at <see cref="MaxAttempts"/> times this value a day.
    /// </summary>
    [Range(1, 1000)]
    public int MaxCodesPerDay { get; set; } = 20;

    /// <summary>Seconds before another code can be sent to the same address.</summary>
    [Range(0, 600)]
    public int ResendCooldownSeconds { get; set; } = 30;

    /// <summary>
    /// Also write each code sent to the log. Set by the web host in the Development environment only (never from
    /// configuration: the setter is internal), so a developer without a mail server can still finish a reset.
    /// </summary>
    public bool LogCodes { get; internal set; }

    /// <summary>How long a code is valid, from <see cref="CodeLifetimeSeconds"/>.</summary>
    public TimeSpan CodeLifetime => TimeSpan.FromSeconds(CodeLifetimeSeconds);

    /// <summary>The wait before another code to the same address, from <see cref="ResendCooldownSeconds"/>.</summary>
    public TimeSpan ResendCooldown => TimeSpan.FromSeconds(ResendCooldownSeconds);

    /// <summary>The checks across settings that attributes cannot state: a known mode, a group for Selected, a daily limit at least the hourly one.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode is { } mode && !Enum.IsDefined(mode))
        {
            yield return new ValidationResult($"{Section}:Mode must be None, Selected or All.", [nameof(Mode)]);
        }

        if (MaxCodesPerDay < MaxCodesPerHour)
        {
            yield return new ValidationResult($"{Section}:MaxCodesPerDay ({MaxCodesPerDay}) must be at least {Section}:MaxCodesPerHour ({MaxCodesPerHour}).", [nameof(MaxCodesPerDay)]);
        }

        if (Mode == PasswordResetMode.Selected && GroupId is null)
        {
            yield return new ValidationResult($"{Section}:Mode is Selected, so {Section}:GroupId must name the group whose members may reset.", [nameof(GroupId)]);
        }
    }
}
