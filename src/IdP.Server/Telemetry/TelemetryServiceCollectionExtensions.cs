using IdP.Core.Telemetry;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IdP.Server.Telemetry;

/// <summary>
/// Traces and metrics (ASP.NET Core, outgoing HTTP, Npgsql and our own <see cref="IdPMetrics"/>) and logs, exported over
/// OTLP when an endpoint is configured. Every log written inside a request carries the request's trace id, which is
/// the correlation id error pages show, so a support call leads straight to the request's logs and trace.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable OpenTelemetry's exporters read.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddIdPTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<IdPMetrics>();

        // The trace id in every log's scope (the host's default too, made explicit because the correlation id relies on
        // it), and scopes shown when operators choose the JSON console format.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);

        // Every logger passes its entries through SecretRedaction first, whatever levels configuration sets.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));

        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var export = settings.OtlpEndpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration[StandardEndpointVariable]);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: settings.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options =>
                {
                    // Probes every few seconds would drown real traffic.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/health");
                })
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (export)
                {
                    tracing.AddOtlpExporter(options => Point(options, settings));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(IdPMetrics.MeterName);
                if (export)
                {
                    metrics.AddOtlpExporter(options => Point(options, settings));
                }
            });

        if (export && settings.ExportLogs)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter(options => Point(options, settings)), options => options.IncludeScopes = true);
        }

        return builder;
    }

    // Our setting wins; otherwise the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and its protocol and headers) itself.
    // A relative URL is left out: the exporters are built with the logger factory, before start-up validation, and one
    // would throw there without naming the setting; TelemetryOptions' validation then stops start-up with its message.
    private static void Point(OpenTelemetry.Exporter.OtlpExporterOptions options, TelemetryOptions settings)
    {
        if (settings.OtlpEndpoint is { IsAbsoluteUri: true } endpoint)
        {
            options.Endpoint = endpoint;
        }
    }
}
