using System.Security.Cryptography;
using IdP.Core.Email;
using IdP.Core.Tenancy;
using IdP.Core.Time;
using IdP.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdP.Server.Email;

/// <summary>
/// One round of the outbox: claims due messages (an atomic conditional update, so with several nodes each message has
/// one owner at a time), sends them, and records the outcome: sent (bodies erased), retry later with exponential
/// backoff, or failed for good after the last attempt (kept for an operator, never deleted).
/// </summary>
internal sealed class OutboxDispatcher(
    IdPDbContext db,
    IEmailTransport transport,
    EmailOutbox outbox,
    TenantService tenants,
    OutboxNode node,
    TimeProvider time,
    IOptions<EmailOptions> options,
    IOptions<TenantOptions> tenantOptions,
    ILogger<OutboxDispatcher> logger)
{
    private const int MaxErrorLength = 2048;

    /// <summary>Sends what is due; returns how many messages this node claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        var now = time.UtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var from = await FromAsync(cancellationToken);
        var claimed = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, cancellationToken))
            {
                claimed++;
                await SendAsync(id, from, cancellationToken);
            }
        }

        return claimed;
    }

    private async Task<bool> TryClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var until = now + options.Value.Outbox.ClaimDuration;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockedBy, node.Id), cancellationToken);
        return claimed == 1;
    }

    private async Task SendAsync(Guid id, EmailFrom from, CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        var row = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        EmailDelivery delivery;
        var giveUp = false;
        try
        {
            var message = new EmailMessage(row.ToAddress, row.ToName, row.Subject, outbox.Unprotect(row.ProtectedTextBody ?? ""), outbox.Unprotect(row.ProtectedHtmlBody ?? ""));
            delivery = await transport.SendAsync(message, from, cancellationToken);
        }
        catch (CryptographicException)
        {
            // The Data Protection keys that protected the body are gone: no retry can help.
            delivery = new EmailDelivery.Failed("The message body can no longer be decrypted (Data Protection keys were lost).");
            giveUp = true;
        }

        var attempts = row.Attempts + 1;
        var now = time.UtcNow();
        var mine = db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == node.Id);
        if (delivery is EmailDelivery.Delivered)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.ProtectedTextBody, (string?)null)
                    .SetProperty(m => m.ProtectedHtmlBody, (string?)null)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockedBy, (string?)null),
                cancellationToken);
            Log.Sent(logger, id, row.Kind, attempts);
            return;
        }

        var error = ((EmailDelivery.Failed)delivery).Error;
        error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        giveUp |= OutboxRetry.IsExhausted(attempts, settings.MaxAttempts);
        DateTimeOffset? failedAt = giveUp ? now : null;
        var next = now + OutboxRetry.DelayAfter(attempts, settings.FirstRetryDelay, settings.MaxRetryDelay);
        await mine.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.FailedAt, failedAt)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LockedBy, (string?)null),
            cancellationToken);
        if (giveUp)
        {
            Log.GaveUp(logger, id, row.Kind, attempts, error);
        }
        else
        {
            Log.WillRetry(logger, id, row.Kind, attempts, next, error);
        }
    }

    private async Task<EmailFrom> FromAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var name = settings.FromName;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = (await tenants.GetAsync(cancellationToken))?.DisplayName ?? tenantOptions.Value.DisplayName;
        }

        return new EmailFrom(settings.FromAddress ?? $"no-reply@{tenantOptions.Value.Domain}", name);
    }
}
