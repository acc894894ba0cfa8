using IdP.Core.PasswordReset;

namespace IdP.Core.Tenancy;

/// <summary>The one tenant of a deployment. Its id is created on first start and never changes: it is in every issuer.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Domain { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Self-service password reset switch: None (default), Selected (members of one group) or All.</summary>
    public PasswordResetMode PasswordResetMode { get; set; } = PasswordResetMode.None;

    /// <summary>The group whose members may reset when <see cref="PasswordResetMode"/> is Selected.</summary>
    public Guid? PasswordResetGroupId { get; set; }

    /// <summary>When the reset switch was last set (by first-start configuration or an administrator); null until then.</summary>
    public DateTimeOffset? PasswordResetConfiguredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True when the path segment names this tenant by name, domain or id, compared case-insensitively.</summary>
    public bool IsNamedBy(string segment) =>
        string.Equals(segment, Name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(segment, Domain, StringComparison.OrdinalIgnoreCase)
        || (Guid.TryParse(segment, out var id) && id == Id);
}
