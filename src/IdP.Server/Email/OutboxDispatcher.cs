using IdP.Core.Telemetry;

namespace IdP.Server.Email;

/// <summary>
/// One round of the outbox: claims due messages (an atomic conditional update, so with several nodes each message has
/// one owner at a time), sends them, and records the outcome: sent, retry later with exponential backoff, failed for
/// good after the last attempt or when the message can never be sent (row kept for an operator), or dropped unsent (a
/// decoy, or past its expiry). Bodies are erased with every final outcome.
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
    IdPMetrics metrics,
    ILogger<OutboxDispatcher> logger)
{
    private const int MaxErrorLength = 2048;

    /// <summary>Sends what is due; returns how many messages this node claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        var now = time.UtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.DroppedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
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
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && m.DroppedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockedBy, node.Id), cancellationToken);
        return claimed == 1;
    }

    private async Task SendAsync(Guid id, EmailFrom from, CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        var row = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        var mine = db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == node.Id);
        var claimedAt = time.UtcNow();
        if (row.IsDecoy || row.ExpiresAt <= claimedAt)
        {
            // A decoy was never meant to go; a code past its expiry is useless and would only confuse if it came late.
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.DroppedAt, claimedAt)
                    .SetProperty(m => m.ProtectedTextBody, (string?)null)
                    .SetProperty(m => m.ProtectedHtmlBody, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockedBy, (string?)null),
                cancellationToken);
            if (row.IsDecoy)
            {
                Log.DroppedDecoy(logger, id, row.Kind);
            }
            else
            {
                Log.DroppedExpired(logger, id, row.Kind, row.Attempts);
            }

            return;
        }

        EmailDelivery delivery;
        try
        {
            var message = new EmailMessage(row.ToAddress, row.ToName, row.Subject, outbox.Unprotect(row.ProtectedTextBody ?? ""), outbox.Unprotect(row.ProtectedHtmlBody ?? ""));
            delivery = await transport.SendAsync(message, from, cancellationToken);
        }
        catch (CryptographicException)
        {
            // The Data Protection keys that protected the body are gone: no retry can help.
            delivery = new EmailDelivery.Rejected("The message body can no longer be decrypted (Data Protection keys were lost).");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Transports answer with results, but a message must never escape counting: an exception here would leave it
            // claimed and uncounted, retried at every claim expiry for ever and aborting each round it is in.
            delivery = new EmailDelivery.Failed($"{exception.GetType().Name}: {exception.Message}");
        }

        var attempts = row.Attempts + 1;
        var now = time.UtcNow();
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
            metrics.Email(EmailOutcome.Sent);
            return;
        }

        var (error, final) = delivery switch
        {
            EmailDelivery.Rejected rejected => (rejected.Error, true),
            EmailDelivery.Failed failed => (failed.Error, false),
            _ => ("Unknown delivery result.", false),
        };
        error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        var giveUp = final || OutboxRetry.IsExhausted(attempts, settings.MaxAttempts);
        var next = now + OutboxRetry.DelayAfter(attempts, settings.FirstRetryDelay, settings.MaxRetryDelay);
        if (giveUp)
        {
            // Kept for an operator (address, subject, error), but not its bodies: nothing will ever send them.
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.FailedAt, now)
                    .SetProperty(m => m.ProtectedTextBody, (string?)null)
                    .SetProperty(m => m.ProtectedHtmlBody, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockedBy, (string?)null),
                cancellationToken);
            Log.GaveUp(logger, id, row.Kind, attempts, error);
            metrics.Email(EmailOutcome.Failed);
            return;
        }

        await mine.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LockedBy, (string?)null),
            cancellationToken);
        Log.WillRetry(logger, id, row.Kind, attempts, next, error);
        metrics.Email(EmailOutcome.Retried);
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
