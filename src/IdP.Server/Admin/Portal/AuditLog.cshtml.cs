namespace IdP.Server.Admin.Portal;

/// <summary>
/// <c>/admin/audit-log</c>: the audit log newest first, filtered by event type, account and time range (UTC), a page at a
/// time. A GET form, so a filtered view is a link one can share; bad filters are shown next to their field.
/// </summary>
public sealed class AuditLogModel(AuditQuery audit, IStringLocalizer<PortalText> text) : PortalPageModel
{
    /// <summary>Events per page.</summary>
    public const int PageSize = 50;

    [FromQuery(Name = "type")]
    public string? Type { get; set; }

    [FromQuery(Name = "account")]
    public string? Account { get; set; }

    [FromQuery(Name = "from")]
    public DateTime? From { get; set; }

    [FromQuery(Name = "to")]
    public DateTime? To { get; set; }

    [FromQuery(Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        // Values that did not even parse (a date that is not one) keep their own ModelState error next to the field.
        var badFields = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (badFields.Contains("pageNumber") || PageNumber < 1)
        {
            PageNumber = 1;
            ModelState.Remove("pageNumber");
        }

        Guid? accountId = null;
        if (!string.IsNullOrWhiteSpace(Account))
        {
            if (Guid.TryParse(Account.Trim(), out var id))
            {
                accountId = id;
            }
            else
            {
                ModelState.AddModelError("account", text["AuditBadAccount"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        var filter = new AuditFilter(FormValue.Trimmed(Type), accountId, Utc(From), Utc(To));
        switch (await audit.FindAsync(filter, PageNumber, PageSize, Aborted))
        {
            case AdminResult<Paged<AuditEntry>>.Done done:
                Entries = done.Value.Items;
                Total = done.Value.Total;
                break;
            case AdminResult<Paged<AuditEntry>>.Invalid invalid:
                foreach (var error in invalid.Errors)
                {
                    ModelState.AddModelError(error.Field is "type" or "from" or "to" ? error.Field : error.Field == "accountId" ? "account" : string.Empty, error.Message);
                }

                break;
        }
    }

    /// <summary>The route values of another page of the same filter.</summary>
    public object RouteFor(int page) => new
    {
        type = Type,
        account = Account,
        from = From?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        to = To?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        pageNumber = page,
    };

    // The form's times are UTC (the log shows UTC).
    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
