namespace IdP.Server.RunNow;

/// <summary>Expired Run now runs go.</summary>
internal sealed class RunNowHousekeeping(IIdPDbContext db) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) =>
        db.RunNowRuns.Where(r => r.ExpiresAt < pass.Cutoff).ExecuteDeleteAsync(cancellationToken);
}
