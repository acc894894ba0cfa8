using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdP.Server.Health;

/// <summary>
/// Degraded when mail waits in the outbox well past its due time (the SMTP server is down or refusing): codes are
/// late, but sign-ins work, so the node stays in rotation; the check says so for monitoring.
/// </summary>
internal sealed class OutboxFlowCheck(IIdPDbContext db, TimeProvider time) : IHealthCheck
{
    /// <summary>How late a message may be before the outbox counts as stuck.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var due = time.UtcNow() - StuckAfter;
        var late = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.DroppedAt == null && m.FailedAt == null && m.NextAttemptAt < due, cancellationToken);
        return late == 0
            ? HealthCheckResult.Healthy("Mail is flowing.")
            : HealthCheckResult.Degraded($"{late} message(s) waiting more than {StuckAfter.TotalMinutes:0} minutes past their due time.");
    }
}
