namespace IdP.Core.Audit;

/// <summary>
/// One security-relevant step (sign-in, code sent, password changed…). Never holds a password, code or token:
/// <see cref="Details"/> is for safe context only.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Database-assigned key.</summary>
    public long Id { get; set; }

    /// <summary>When the step happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>What happened: one of <see cref="AuditEventTypes"/>.</summary>
    public required string Type { get; set; }

    /// <summary>The account concerned, when the step records one.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The user flow the step ran in.</summary>
    public string? Policy { get; set; }

    /// <summary>The application the user came from.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's IP address (after forwarded-header processing).</summary>
    public string? IpAddress { get; set; }

    /// <summary>The browser's user agent, cut to 512 characters.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The request's correlation id, the one error pages show, to find the request in the logs.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>A short machine-readable reason, such as <c>wrong</c> or an AADB2C code.</summary>
    public string? Details { get; set; }
}
