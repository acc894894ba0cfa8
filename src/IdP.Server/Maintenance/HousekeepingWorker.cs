namespace IdP.Server.Maintenance;

/// <summary>Runs <see cref="Housekeeping"/> on a schedule.</summary>
internal sealed partial class HousekeepingWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<HousekeepingOptions> options, ILogger<HousekeepingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<Housekeeping>().RunOnceAsync(stoppingToken);
                Removed(logger, removed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database outage must not stop the worker: the next tick tries again.
                Failed(logger, exception);
            }
        }
    }

    [LoggerMessage(4501, LogLevel.Debug, "Housekeeping removed {Count} expired rows.")]
    private static partial void Removed(ILogger logger, int count);

    [LoggerMessage(4502, LogLevel.Warning, "Housekeeping failed; it will run again at the next interval.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
