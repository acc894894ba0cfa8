namespace IdP.Server.Audit;

/// <summary>Audit context from the current HTTP request (client IP after forwarded-header processing, user agent, trace id).</summary>
internal sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null;

    public string? CorrelationId => accessor.HttpContext is { } context ? ErrorPage.CorrelationId(context) : null;
}
