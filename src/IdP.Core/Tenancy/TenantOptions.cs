using System.ComponentModel.DataAnnotations;

namespace IdP.Core.Tenancy;

/// <summary>Bound from <c>IdP:Tenant</c>: the tenant created on first start.</summary>
public sealed class TenantOptions
{
    public const string Section = "IdP:Tenant";

    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$", ErrorMessage = "IdP:Tenant:Name must be letters, digits and hyphens (1-63 characters).")]
    public string Name { get; set; } = "contoso";

    [Required, RegularExpression(@"^[^/\s?#]{1,253}$", ErrorMessage = "IdP:Tenant:Domain must be a single path segment without spaces.")]
    public string Domain { get; set; } = "contoso.onmicrosoft.com";

    [Required, StringLength(256)]
    public string DisplayName { get; set; } = "Contoso";
}
