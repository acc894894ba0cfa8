using IdP.Core.PasswordReset;
using IdP.Core.Time;
using IdP.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace IdP.Server.Maintenance;

/// <summary>
/// Removes rows whose life is over: finished or expired journeys (their verification codes go with them), Run now
/// runs, idle sign-in counters without a running lockout, per-address reset counters past every limit, old sent emails, emails dropped unsent (decoys and expired
/// codes: nothing in them is worth keeping), and OpenIddict's ended tokens and authorizations. Every statement is
/// idempotent, so all nodes may run it.
/// </summary>
public sealed class Housekeeping(
    IdPDbContext db,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    ResetCodeService resetCodes,
    TimeProvider time,
    IOptions<HousekeepingOptions> options)
{
    /// <summary>One pass; returns how many IdP rows were removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.UtcNow();
        var cutoff = now - settings.Grace;
        var removed = 0;

        removed += await db.Journeys.Where(j => j.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        removed += await db.RunNowRuns.Where(r => r.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        removed += await db.SignInThrottles
            .Where(t => t.UpdatedAt < cutoff && (t.LockedUntil == null || t.LockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
        var sentCutoff = now - settings.SentMailRetention;
        removed += await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < sentCutoff).ExecuteDeleteAsync(cancellationToken);
        removed += await db.OutboxMessages.Where(m => m.DroppedAt != null && m.DroppedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        removed += await resetCodes.PurgeSendThrottlesAsync(cancellationToken);

        var tokenCutoff = now - settings.TokenRetention;
        await tokens.PruneAsync(tokenCutoff, cancellationToken);
        await authorizations.PruneAsync(tokenCutoff, cancellationToken);
        return removed;
    }
}
