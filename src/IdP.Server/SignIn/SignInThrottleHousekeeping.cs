namespace IdP.Server.SignIn;

/// <summary>Idle sign-in counters go, unless a lockout is still running.</summary>
internal sealed class SignInThrottleHousekeeping(IIdPDbContext db) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) =>
        db.SignInThrottles
            .Where(t => t.UpdatedAt < pass.Cutoff && (t.LockedUntil == null || t.LockedUntil < pass.Now))
            .ExecuteDeleteAsync(cancellationToken);
}
