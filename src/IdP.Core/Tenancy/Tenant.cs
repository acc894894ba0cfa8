using IdP.Core.PasswordReset;

namespace IdP.Core.Tenancy;

/// <summary>The one tenant of a deployment. Its id is created on first start and never changes: it is in every issuer.</summary>
public sealed class Tenant
{
    /// <summary>The tenant id: one of the path segments apps may use, and part of every issuer.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant name (<c>contoso</c>), a path segment apps may use.</summary>
    public required string Name { get; set; }

    /// <summary>The tenant domain (<c>contoso.onmicrosoft.com</c>), a path segment apps may use.</summary>
    public required string Domain { get; set; }

    /// <summary>The organisation's name as users see it (pages, email subjects).</summary>
    public required string DisplayName { get; set; }

    /// <summary>Self-service password reset switch: None (default), Selected (members of one group) or All.</summary>
    public PasswordResetMode PasswordResetMode { get; set; } = PasswordResetMode.None;

    /// <summary>The group whose members may reset when <see cref="PasswordResetMode"/> is Selected.</summary>
    public Guid? PasswordResetGroupId { get; set; }

    /// <summary>When the reset switch was last set (by first-start configuration or an administrator); null until then.</summary>
    public DateTimeOffset? PasswordResetConfiguredAt { get; set; }

    /// <summary>When the tenant was created on first start.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When configuration or the reset switch last changed the tenant.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A copy of the row's values (untracked): what a request gets from the per-node <see cref="TenantCache"/>.</summary>
    public Tenant Copy() => (Tenant)MemberwiseClone();

    /// <summary>True when the path segment names this tenant by name, domain or id, compared case-insensitively.</summary>
    public bool IsNamedBy(string segment) =>
        string.Equals(segment, Name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(segment, Domain, StringComparison.OrdinalIgnoreCase)
        || (Guid.TryParse(segment, out var id) && id == Id);
}
