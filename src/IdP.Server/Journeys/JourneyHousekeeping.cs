using IdP.Core.Data;
using IdP.Server.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Journeys;

/// <summary>Finished or expired journeys go (their verification codes with them).</summary>
internal sealed class JourneyHousekeeping(IIdPDbContext db) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) =>
        db.Journeys.Where(j => j.ExpiresAt < pass.Cutoff).ExecuteDeleteAsync(cancellationToken);
}
