namespace IdP.Core.Tenancy;

/// <summary>
/// Reads the deployment's tenant and resolves the <c>{tenant}</c> path segment apps send. Scoped: a request asks once
/// (a page's model, its branding, its reset switch and reset link all ask) and gets its own copy, from the per-node
/// <see cref="TenantCache"/> filed under the <see cref="ConfigurationStamp"/> the request read, so a change committed on
/// any node shows on every node's next request. Changes load the row tracked from the database (<see cref="EnsureAsync"/>,
/// the reset switch), never through this cache.
/// </summary>
public sealed class TenantService(IIdPDbContext db, TimeProvider time, ConfigurationStamp stamp, TenantCache cache)
{
    private Tenant? _tenant;
    private bool _read;

    /// <summary>The tenant (this scope's own untracked copy), or null before the first start created it; read once per scope.</summary>
    public async Task<Tenant?> GetAsync(CancellationToken cancellationToken)
    {
        if (!_read)
        {
            var kept = await cache.Tenant.GetOrLoadAsync(await stamp.CurrentAsync(cancellationToken), "", db, static (d, _, ct) => d.Tenants.AsNoTracking().OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(ct), cancellationToken);
            _tenant = kept?.Copy();
            _read = true;
        }

        return _tenant;
    }

    /// <summary>
    /// Forgets the tenant read in this scope: call after changing its row, so the next read sees the change (the save
    /// moved the stamp, and the SaveChanges interceptor makes this scope read the stamp again).
    /// </summary>
    public void Forget()
    {
        _tenant = null;
        _read = false;
    }

    /// <summary>The tenant when <paramref name="segment"/> names it (name, domain or id, any case); otherwise null.</summary>
    public async Task<Tenant?> ResolveAsync(string? segment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(segment))
        {
            return null;
        }

        var tenant = await GetAsync(cancellationToken);
        return tenant is not null && tenant.IsNamedBy(segment) ? tenant : null;
    }

    /// <summary>
    /// Creates the tenant from configuration on first start (with a new, stable id), or updates its name, domain and
    /// display name from configuration on later starts; the id never changes.
    /// </summary>
    public async Task<Tenant> EnsureAsync(TenantOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = time.UtcNow();
        var tenant = await db.Tenants.OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            tenant = new Tenant { Id = Guid.NewGuid(), Name = options.Name, Domain = options.Domain, DisplayName = options.DisplayName, CreatedAt = now, UpdatedAt = now };
            db.Tenants.Add(tenant);
        }
        else if (tenant.Name != options.Name || tenant.Domain != options.Domain || tenant.DisplayName != options.DisplayName)
        {
            tenant.Name = options.Name;
            tenant.Domain = options.Domain;
            tenant.DisplayName = options.DisplayName;
            tenant.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        Forget();
        return tenant;
    }
}
