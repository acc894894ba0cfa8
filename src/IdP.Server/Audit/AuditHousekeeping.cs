namespace IdP.Server.Audit;

/// <summary>Audit events older than <see cref="HousekeepingOptions.AuditRetention"/> go, so the log stays bounded.</summary>
internal sealed class AuditHousekeeping(IdPDbContext db) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var cutoff = pass.Now - pass.Options.AuditRetention;
        return db.AuditEvents.Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
