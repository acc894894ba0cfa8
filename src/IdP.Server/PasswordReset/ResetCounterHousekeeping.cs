namespace IdP.Server.PasswordReset;

/// <summary>Per-address reset counters past every limit go (the core service knows the windows).</summary>
internal sealed class ResetCounterHousekeeping(ResetCodeService resetCodes) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) => resetCodes.PurgeSendThrottlesAsync(cancellationToken);
}
