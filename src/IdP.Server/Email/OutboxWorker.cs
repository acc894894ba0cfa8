namespace IdP.Server.Email;

/// <summary>Runs outbox rounds on every node: at start, whenever a message is queued here, and every poll interval.</summary>
internal sealed class OutboxWorker(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<EmailOptions> options,
    PickupDirectoryEmailTransport pickup,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.UsesSmtp)
        {
            Log.UsingSmtp(logger, settings.Smtp.Host!, settings.Smtp.EffectivePort, settings.Smtp.Security);
        }
        else
        {
            Log.UsingPickupDirectory(logger, pickup.Folder);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int claimed;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    claimed = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(stoppingToken);
                }
                while (claimed >= settings.Outbox.BatchSize);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop mail for good: the next round tries again.
                Log.RoundFailed(logger, exception);
            }

            try
            {
                await signal.WaitAsync(settings.Outbox.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
