using IdP.Core.Email;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>Puts messages in the server's outbox the way its features do, and watches what the worker makes of them.</summary>
public static class OutboxRows
{
    /// <summary>Queues a plain message (or a decoy) to <paramref name="toAddress"/> through the server's own outbox and wakes its worker.</summary>
    public static Task<Guid> QueueMailAsync(this IdPFactory factory, string toAddress, bool decoy = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IEmailOutbox>();
            var db = sp.GetRequiredService<IdPDbContext>();
            var message = new EmailMessage(toAddress, null, "Test message", "Hello.", "<p>Hello.</p>");
            var row = decoy ? outbox.PrepareDecoy("test.message", message) : outbox.Prepare("test.message", message);
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
            outbox.Wake();
            return row.Id;
        });
    }

    /// <summary>
    /// Saves a message as a node that took it and never finished leaves it: <paramref name="overdue"/> past due and
    /// locked for a day. The row is written in that state at once (the worker is not woken), so no worker can take and
    /// send it between its insert and its arrangement.
    /// </summary>
    public static Task<Guid> QueueStuckMailAsync(this IdPFactory factory, string toAddress, TimeSpan overdue)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IEmailOutbox>();
            var db = sp.GetRequiredService<IdPDbContext>();
            var now = factory.Clock.GetUtcNow();
            var row = outbox.Prepare("test.message", new EmailMessage(toAddress, null, "Test message", "Hello.", "<p>Hello.</p>"));
            row.NextAttemptAt = now - overdue;
            row.LockedUntil = now.AddDays(1);
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
    }

    /// <summary>Waits (real time: the worker runs on its own) until the row matches <paramref name="condition"/>.</summary>
    public static async Task<OutboxMessage> WaitForOutboxRowAsync(this IdPFactory factory, Guid id, Func<OutboxMessage, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        OutboxMessage? row = null;
        while (DateTime.UtcNow < deadline)
        {
            row = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
            if (condition(row))
            {
                return row;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Outbox message {id} never reached the expected state; last seen: attempts {row?.Attempts}, sent {row?.SentAt}, failed {row?.FailedAt}, dropped {row?.DroppedAt}, error {row?.LastError}.");
    }
}
