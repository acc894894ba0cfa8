namespace IdP.Core.Audit;

/// <summary>
/// One security-relevant step (sign-in, code sent, password changed…). Never holds a password, code or token:
/// <see cref="Details"/> is for safe context only.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Type { get; set; }
    public Guid? AccountId { get; set; }
    public string? Policy { get; set; }
    public string? ClientId { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? CorrelationId { get; set; }
    public string? Details { get; set; }
}
