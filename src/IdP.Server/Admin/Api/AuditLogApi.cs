namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/audit-log</c>: security and administrative events, newest first.</summary>
internal static class AuditLogApi
{
    public static RouteGroupBuilder MapAuditLog(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-log", FindAsync).WithTags("Audit log")
            .WithSummary("Lists audit events, newest first: filter by type (admin.* for every admin change), account (user id) and from/to (ISO 8601).");
        return api;
    }

    private static async Task<Results<Ok<Paged<AuditEntry>>, NotFound, ValidationProblem>> FindAsync(
        string? type, Guid? account, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, AuditQuery audit, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await audit.FindAsync(new AuditFilter(type, account, from, to), page ?? 1, pageSize ?? Paging.DefaultPageSize, cancellationToken));
}
