namespace IdP.Server.Maintenance;

/// <summary>One housekeeping pass: every feature's <see cref="IHousekeepingTask"/>, in turn.</summary>
public sealed class Housekeeping(IEnumerable<IHousekeepingTask> tasks, TimeProvider time, IOptions<HousekeepingOptions> options)
{
    /// <summary>Runs every task once; returns how many IdP rows were removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var pass = new HousekeepingPass(time.UtcNow(), options.Value);
        var removed = 0;
        foreach (var task in tasks)
        {
            removed += await task.RunAsync(pass, cancellationToken);
        }

        return removed;
    }
}
