using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdP.Server.Health;

/// <summary>
/// <c>/healthz/live</c>: the process answers (restart it when it does not). <c>/healthz/ready</c>: it can serve sign-ins
/// (database reachable, migrations applied); a stuck outbox makes it Degraded (200), not unready. <c>/health</c> stays
/// as the liveness answer it always was.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddIdPHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready])
            .AddCheck<OutboxFlowCheck>("outbox", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapIdPHealth(this IEndpointRouteBuilder app)
    {
        // GET and HEAD only (MapHealthChecks takes any method); HEAD is the same answer without its body: monitoring
        // tools probe with it.
        string[] probeMethods = [HttpMethods.Get, HttpMethods.Head];
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(probeMethods));
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(probeMethods));
        app.MapMethods("/health", probeMethods, (HttpRequest request) =>
            HttpMethods.IsHead(request.Method) ? Results.Ok() : Results.Ok(new { status = "ok" }));
        return app;
    }

    // Status and each check's description; never exception details (they may name hosts or credentials).
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
