namespace IdP.Core.Tenancy;

/// <summary>Bound from <c>IdP:Tenant</c>: the tenant created on first start.</summary>
public sealed class TenantOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "IdP:Tenant";

    /// <summary>The tenant name (<c>contoso</c>): letters, digits and hyphens.</summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$", ErrorMessage = "IdP:Tenant:Name must be letters, digits and hyphens (1-63 characters).")]
    public string Name { get; set; } = "contoso";

    /// <summary>The tenant domain (<c>contoso.onmicrosoft.com</c>): one path segment.</summary>
    [Required, RegularExpression(@"^[^/\s?#]{1,253}$", ErrorMessage = "IdP:Tenant:Domain must be a single path segment without spaces.")]
    public string Domain { get; set; } = "contoso.onmicrosoft.com";

    /// <summary>The organisation's name as users see it.</summary>
    [Required, StringLength(256)]
    public string DisplayName { get; set; } = "Contoso";
}
