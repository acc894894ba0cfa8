namespace IdP.Core.UserFlows;

/// <summary>
/// Finds, creates and changes user flows; every change is checked by <see cref="UserFlowRules"/> first. Every page and
/// authorize request finds its flow by name: from the per-node <see cref="UserFlowCache"/> under the
/// <see cref="ConfigurationStamp"/> the request read, each caller getting its own copy. Changes load the flow tracked
/// from the database.
/// </summary>
public sealed class UserFlowService(IIdPDbContext db, TimeProvider time, ConfigurationStamp stamp, UserFlowCache cache)
{
    /// <summary>The flow named <paramref name="policy"/> (matched case-insensitively), or null; an untracked copy of the caller's own.</summary>
    public async Task<UserFlow?> FindAsync(string? policy, CancellationToken cancellationToken)
    {
        if (!UserFlowName.LooksLikePolicy(policy))
        {
            return null;
        }

        var kept = await cache.Flows.GetOrLoadAsync(await stamp.CurrentAsync(cancellationToken), UserFlowName.Normalize(policy!), db,
            static (d, normalized, ct) => d.UserFlows.AsNoTracking().FirstOrDefaultAsync(f => f.NormalizedName == normalized, ct), cancellationToken);
        return kept?.Copy();
    }

    /// <summary>
    /// Every issuer the flows sign tokens with on <paramref name="origin"/>, each once: what our own APIs accept. Read on
    /// every call to them, so it comes from the node's cache under the stamp, and loads names and settings only (a flow
    /// row also carries its page template).
    /// </summary>
    public async Task<IReadOnlyList<string>> IssuersAtAsync(string origin, Guid tenantId, CancellationToken cancellationToken)
    {
        var forms = await cache.IssuerForms.GetOrLoadAsync(await stamp.CurrentAsync(cancellationToken), UserFlowCache.AllFlows, db,
            static async (d, _, ct) => (IReadOnlyList<FlowIssuerForm>)await d.UserFlows.AsNoTracking()
                .OrderBy(f => f.NormalizedName).Select(f => new FlowIssuerForm(f.Name, f.IssuerFormat)).ToListAsync(ct), cancellationToken);
        return [.. (forms ?? []).Select(form => form.IssuerAt(origin, tenantId).AbsoluteUri).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>How many flows there are; counted in the database.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => db.UserFlows.CountAsync(cancellationToken);

    /// <summary>All flows, by name.</summary>
    public Task<List<UserFlow>> ListAsync(CancellationToken cancellationToken) =>
        db.UserFlows.AsNoTracking().OrderBy(f => f.NormalizedName).ToListAsync(cancellationToken);

    /// <summary>Creates a flow; the name gets its <c>B2C_1_</c> prefix. Fails with every problem found.</summary>
    public async Task<UserFlowChange> CreateAsync(UserFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.Name = UserFlowName.WithPrefix(flow.Name);
        flow.NormalizedName = UserFlowName.Normalize(flow.Name);
        var errors = UserFlowRules.Problems(flow).ToList();
        if (await db.UserFlows.AnyAsync(f => f.NormalizedName == flow.NormalizedName, cancellationToken))
        {
            errors.Add(new("name", AdminText.UserFlowNameTaken(flow.Name)));
        }

        if (errors.Count > 0)
        {
            return new UserFlowChange.Invalid(errors);
        }

        var now = time.UtcNow();
        flow.Id = flow.Id == Guid.Empty ? Guid.NewGuid() : flow.Id;
        flow.CreatedAt = now;
        flow.UpdatedAt = now;
        db.UserFlows.Add(flow);
        await db.SaveChangesAsync(cancellationToken);
        return new UserFlowChange.Saved(flow);
    }

    /// <summary>Changes a flow's properties (not its name) after checking them.</summary>
    public async Task<UserFlowChange> UpdateAsync(string policy, Action<UserFlow> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var normalized = UserFlowName.Normalize(policy);
        var flow = await db.UserFlows.FirstOrDefaultAsync(f => f.NormalizedName == normalized, cancellationToken);
        if (flow is null)
        {
            return new UserFlowChange.NotFound();
        }

        var name = flow.Name;
        change(flow);
        flow.Name = name;
        flow.NormalizedName = normalized;
        var errors = UserFlowRules.Problems(flow);
        if (errors.Count > 0)
        {
            await db.Entry(flow).ReloadAsync(cancellationToken);

            return new UserFlowChange.Invalid(errors);
        }

        flow.UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new UserFlowChange.Saved(flow);
    }

    /// <summary>
    /// Deletes a flow. The last sign-in flow cannot be deleted: apps, Run now and the admin API's own token requests
    /// (client credentials at <c>/{tenant}/{policy}/oauth2/v2.0/token</c>) all need one. Grants the flow issued stop
    /// working (their token endpoint is gone); journeys in progress on it end.
    /// </summary>
    public async Task<UserFlowChange> DeleteAsync(string policy, CancellationToken cancellationToken)
    {
        var normalized = UserFlowName.Normalize(policy ?? "");
        var flow = await db.UserFlows.FirstOrDefaultAsync(f => f.NormalizedName == normalized, cancellationToken);
        if (flow is null)
        {
            return new UserFlowChange.NotFound();
        }

        if (flow.Type == UserFlowType.SignIn && !await db.UserFlows.AnyAsync(f => f.Type == UserFlowType.SignIn && f.Id != flow.Id, cancellationToken))
        {
            return new UserFlowChange.Invalid([new("name", AdminText.UserFlowLastSignIn(flow.Name))]);
        }

        db.UserFlows.Remove(flow);
        await db.SaveChangesAsync(cancellationToken);
        return new UserFlowChange.Saved(flow);
    }
}

/// <summary>Outcome of creating or changing a user flow.</summary>
public abstract record UserFlowChange
{
    private UserFlowChange()
    {
    }

    /// <summary>The flow is stored.</summary>
    /// <param name="Flow">The flow as stored (a new one with its <c>B2C_1_</c> prefix).</param>
    public sealed record Saved(UserFlow Flow) : UserFlowChange;

    /// <summary>Nothing was stored; each problem names its property.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Problems) : UserFlowChange
    {
        /// <summary>The problems' messages.</summary>
        public IReadOnlyList<string> Errors => [.. Problems.Select(p => p.Message)];
    }

    /// <summary>No flow has the name.</summary>
    public sealed record NotFound : UserFlowChange;
}
