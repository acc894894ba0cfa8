using IdP.Core.PasswordReset;

namespace IdP.Server.PasswordReset;

/// <summary>Hourly clean-up of the reset feature's per-address rows (see <see cref="ResetCodeService.PurgeSendThrottlesAsync"/>).</summary>
internal sealed class ResetHousekeeping(IServiceScopeFactory scopes, TimeProvider time, ILogger<ResetHousekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ResetCodeService>().PurgeSendThrottlesAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.HousekeepingFailed(logger, exception);
            }
        }
    }
}
