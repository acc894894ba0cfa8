namespace IdP.Server.Protocol;

/// <summary>
/// The tenant and the user flows as the token endpoint reads them, kept on this node under the
/// <see cref="ConfigurationStamp"/>: without it every client-credentials and refresh grant read both rows from the
/// database (issue 16). A copy is used only by requests that read the stamp it was filed under, and every write to the
/// tenant or a flow, on any node and by any path, moves the stamp in its own transaction: the next token request on
/// every node sees the change (no time-to-live). The copies are shared by the requests of one stamp and never changed.
/// Pages read both through <see cref="TenantService"/> and <see cref="UserFlowService"/> as before.
/// </summary>
public sealed class TokenRequestConfigurationCache
{
    // Flow names are a handful per deployment; the bound only stops a stream of odd names from growing memory.
    private const int MaxFlows = 256;

    private readonly StampedCache<string, UserFlow> _flows = new(MaxFlows, StringComparer.Ordinal);
    private readonly StampedCache<string, Tenant> _tenant = new(1, StringComparer.Ordinal);

    /// <summary>The tenant when <paramref name="segment"/> names it, from memory while the stamp stands.</summary>
    public async Task<Tenant?> ResolveTenantAsync(ConfigurationStamp stamp, TenantService tenants, string? segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(tenants);
        if (string.IsNullOrWhiteSpace(segment))
        {
            return null;
        }

        var current = await stamp.CurrentAsync(cancellationToken);
        var tenant = await _tenant.GetOrLoadAsync(current, "", tenants, static (t, _, ct) => t.GetAsync(ct), cancellationToken);
        return tenant is not null && tenant.IsNamedBy(segment) ? tenant : null;
    }

    /// <summary>The flow named <paramref name="policy"/>, from memory while the stamp stands.</summary>
    public async Task<UserFlow?> FindFlowAsync(ConfigurationStamp stamp, UserFlowService flows, string? policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(flows);
        if (!UserFlowName.LooksLikePolicy(policy))
        {
            return null;
        }

        var current = await stamp.CurrentAsync(cancellationToken);
        return await _flows.GetOrLoadAsync(current, UserFlowName.Normalize(policy!), flows, static (f, name, ct) => f.FindAsync(name, ct), cancellationToken);
    }
}
