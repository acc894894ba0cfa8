namespace IdP.Core.Audit;

/// <summary>Reads the audit log for administrators: filtered by type, account and time range, newest first, one page at a time.</summary>
public sealed class AuditQuery(IIdPDbContext db)
{
    /// <summary>The events matching <paramref name="filter"/>, newest first.</summary>
    public async Task<AdminResult<Paged<AuditEntry>>> FindAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var errors = Paging.Check(page, pageSize).Concat(filter.Check()).ToList();
        if (errors.Count > 0)
        {
            return new AdminResult<Paged<AuditEntry>>.Invalid(errors);
        }

        var query = db.AuditEvents.AsNoTracking();
        if (filter.Type is { Length: > 0 } type)
        {
            query = type.EndsWith('*')
                ? query.Where(e => e.Type.StartsWith(type.TrimEnd('*')))
                : query.Where(e => e.Type == type);
        }

        if (filter.AccountId is { } accountId)
        {
            query = query.Where(e => e.AccountId == accountId);
        }

        // Compared as UTC instants, as every event is stored: PostgreSQL refuses a DateTimeOffset with another offset,
        // and SQLite stores one as a number built from its clock time (DateTimeOffsetToBinaryConverter), so only values
        // in the same offset compare as instants.
        if (filter.From?.ToUniversalTime() is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To?.ToUniversalTime() is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        var total = await query.CountAsync(cancellationToken);
        var events = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new AdminResult<Paged<AuditEntry>>.Done(new Paged<AuditEntry>([.. events.Select(AuditEntry.Of)], page, pageSize, total));
    }
}

/// <summary>
/// Which events to read: <see cref="Type"/> exactly (or every type starting with it when it ends in <c>*</c>, such as
/// <c>admin.*</c>), one account, from (inclusive) and to (exclusive).
/// </summary>
public sealed record AuditFilter(string? Type = null, Guid? AccountId = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Problems with the filter itself.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        if (Type is { Length: > 64 })
        {
            errors.Add(new("type", AdminText.AuditTypeTooLong));
        }

        if (From is { } from && To is { } to && to < from)
        {
            errors.Add(new("to", AdminText.AuditToBeforeFrom));
        }

        return errors;
    }
}

/// <summary>
/// One audit event as administrators read it. <see cref="ClientId"/> is the application the event is about, or for
/// administrative changes (<c>admin.*</c>) the actor; their <see cref="Details"/> name the target and summarise the change.
/// </summary>
public sealed record AuditEntry(long Id, DateTimeOffset OccurredAt, string Type, Guid? AccountId, string? Policy, string? ClientId, string? IpAddress, string? UserAgent, string? CorrelationId, string? Details)
{
    /// <summary>The entry for a stored event.</summary>
    public static AuditEntry Of(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.OccurredAt, e.Type, e.AccountId, e.Policy, e.ClientId, e.IpAddress, e.UserAgent, e.CorrelationId, e.Details);
    }
}
