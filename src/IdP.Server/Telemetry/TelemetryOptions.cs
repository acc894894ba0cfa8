namespace IdP.Server.Telemetry;

/// <summary>Bound from <c>IdP:Telemetry</c>: where traces, metrics and logs go over OTLP, if anywhere.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "IdP:Telemetry";

    /// <summary>
    /// The OTLP collector (e.g. <c>http://otel-collector:4317</c>). Unset: the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> applies; neither set: nothing is exported (the counters still run, for
    /// <c>dotnet-counters</c>).
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The service name telemetry is reported under (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    [Required]
    public string ServiceName { get; set; } = "IdP";

    /// <summary>Export logs over OTLP too (with their trace ids), besides traces and metrics.</summary>
    public bool ExportLogs { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("IdP:Telemetry:OtlpEndpoint must be an absolute http or https URL.", [nameof(OtlpEndpoint)]);
        }
    }
}
