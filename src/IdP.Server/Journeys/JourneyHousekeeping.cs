namespace IdP.Server.Journeys;

/// <summary>
/// Expired journeys go (their verification codes with them): those still waiting for the user at once, since nothing
/// happened in them worth keeping; the others after the grace period.
/// </summary>
internal sealed class JourneyHousekeeping(IIdPDbContext db, JourneyService journeys) : IHousekeepingTask
{
    public async Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) =>
        await journeys.PurgeUnattendedAsync(pass.Now, cancellationToken)
        + await db.Journeys.Where(j => j.ExpiresAt < pass.Cutoff).ExecuteDeleteAsync(cancellationToken);
}
