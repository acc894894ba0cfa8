namespace IdP.Server.Email;

/// <summary>
/// Sent emails (bodies already erased) go after their retention; emails dropped unsent (decoys, expired codes) a grace
/// period after: nothing in them is worth keeping.
/// </summary>
internal sealed class OutboxHousekeeping(IIdPDbContext db) : IHousekeepingTask
{
    public async Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken)
    {
        var sentCutoff = pass.Now - pass.Options.SentMailRetention;
        var removed = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < sentCutoff).ExecuteDeleteAsync(cancellationToken);
        return removed + await db.OutboxMessages.Where(m => m.DroppedAt != null && m.DroppedAt < pass.Cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
