namespace IdP.Core.Tenancy;

/// <summary>
/// The tenant row as this node last loaded it, filed under the <see cref="ConfigurationStamp"/> (a singleton): every
/// page and authorize request asks for the tenant, and it changes a few times a year. Read through
/// <see cref="TenantService.GetAsync"/>, which hands each request its own copy.
/// </summary>
public sealed class TenantCache
{
    /// <summary>The one tenant (key <c>""</c>), or null before the first start created it.</summary>
    public StampedCache<string, Tenant> Tenant { get; } = new(1, StringComparer.Ordinal);
}
