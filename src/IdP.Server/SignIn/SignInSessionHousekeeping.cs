namespace IdP.Server.SignIn;

/// <summary>Sessions that ended or expired go after the grace period.</summary>
internal sealed class SignInSessionHousekeeping(SignInSessions sessions) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) => sessions.PurgeAsync(pass.Cutoff, cancellationToken);
}
