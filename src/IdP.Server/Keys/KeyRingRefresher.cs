namespace IdP.Server.Keys;

/// <summary>Re-reads keys and rotates them on a schedule, so a node picks up keys created by another and rotation needs no restart.</summary>
internal sealed class KeyRingRefresher(KeyRing ring, TimeProvider time, IOptions<KeyOptions> options, ILogger<KeyRingRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.RotateAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.RefreshFailed(logger, exception);
            }
        }
    }
}
