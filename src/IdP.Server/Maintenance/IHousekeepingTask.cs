namespace IdP.Server.Maintenance;

/// <summary>
/// A feature's share of housekeeping: removes the rows whose life is over. Each feature registers its own; the
/// <see cref="Housekeeping"/> pass runs them all. Every task must be idempotent, so all nodes may run it.
/// </summary>
public interface IHousekeepingTask
{
    /// <summary>Removes what <paramref name="pass"/> says has ended; returns how many rows went.</summary>
    Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken);
}

/// <summary>One housekeeping pass: when it runs and with which retention settings.</summary>
public sealed record HousekeepingPass(DateTimeOffset Now, HousekeepingOptions Options)
{
    /// <summary>Rows that expired or ended before this instant are removed (the grace keeps recent ones for support).</summary>
    public DateTimeOffset Cutoff => Now - Options.Grace;
}
