namespace IdP.Server.Limits;

/// <summary>Counters of ended windows go at once: nothing reads them again, and a flood must not leave rows behind.</summary>
internal sealed class RateLimitHousekeeping(RateLimitStore store) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) => store.PurgeAsync(pass.Now, cancellationToken);
}
