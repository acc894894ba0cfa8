namespace IdP.Server.PasswordReset;

/// <summary>Per-address code counters (resets and second factors) past every limit go (the core service knows the windows).</summary>
internal sealed class ResetCounterHousekeeping(EmailCodeService codes) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) => codes.PurgeSendThrottlesAsync(cancellationToken);
}
