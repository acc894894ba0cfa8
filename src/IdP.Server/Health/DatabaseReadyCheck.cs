using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdP.Server.Health;

/// <summary>Ready only when the database answers and every migration of this build is applied.</summary>
internal sealed class DatabaseReadyCheck(IdPDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            var pending = await MigrationHistory.PendingAsync(db, cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied (run the server's migrate step).");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reason goes to the log through the health check service; the probe only needs "not ready".
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
