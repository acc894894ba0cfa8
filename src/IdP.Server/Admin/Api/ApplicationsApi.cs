namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/applications</c>: app registrations, their platforms, API, permissions and secrets.</summary>
internal static class ApplicationsApi
{
    public static RouteGroupBuilder MapApplications(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapGet("/", ListAsync).WithSummary("Lists every application, by display name.");
        group.MapGet("/{clientId}", GetAsync).WithSummary("Gets one application; secrets by id, hint and expiry only.");
        group.MapPost("/", CreateAsync).Accepts<ApplicationInput>("application/json").WithSummary("Registers an application.");
        group.MapPut("/{clientId}", UpdateAsync).Accepts<ApplicationInput>("application/json")
            .WithSummary("Replaces an application's settings with the body (its whole desired state); secrets are kept.");
        group.MapDelete("/{clientId}", DeleteAsync).WithSummary("Deletes an application with its secrets and grants.");
        group.MapPost("/{clientId}/secrets", AddSecretAsync).Accepts<NewSecretInput>("application/json").WithMetadata(new OptionalBody())
            .WithSummary("Generates a client secret; its value is in this answer once and never again.");
        group.MapDelete("/{clientId}/secrets/{secretId:guid}", RemoveSecretAsync).WithSummary("Removes one client secret.");
        return api;
    }

    private static Task<IReadOnlyList<ApplicationDetails>> ListAsync(AppAdministration applications, CancellationToken cancellationToken) =>
        applications.ListAsync(cancellationToken);

    private static async Task<Results<Ok<ApplicationDetails>, NotFound, ValidationProblem>> GetAsync(string clientId, AppAdministration applications, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await applications.GetAsync(clientId, cancellationToken));

    private static async Task<Results<Created<ApplicationDetails>, NotFound, ValidationProblem>> CreateAsync(JsonBody<ApplicationInput> body, AppAdministration applications, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Created(await applications.CreateAsync(body.Value, context.User.Actor(), cancellationToken), created => Location(created.ClientId));

    private static async Task<Results<Ok<ApplicationDetails>, NotFound, ValidationProblem>> UpdateAsync(string clientId, JsonBody<ApplicationInput> body, AppAdministration applications, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await applications.UpdateAsync(clientId, body.Value, context.User.Actor(), cancellationToken));

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(string clientId, AppAdministration applications, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.NoContent(await applications.DeleteAsync(clientId, context.User.Actor(), cancellationToken));

    private static async Task<Results<Created<NewSecret>, NotFound, ValidationProblem>> AddSecretAsync(string clientId, JsonBody<NewSecretInput> body, AppAdministration applications, HttpContext context, CancellationToken cancellationToken)
    {
        return AdminProblems.Created(
            await applications.AddSecretAsync(clientId, body.Value.Description, body.Value.ExpiresAt, context.User.Actor(), cancellationToken),
            secret => $"{Location(clientId)}/secrets/{secret.Secret.Id:D}");
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RemoveSecretAsync(string clientId, Guid secretId, AppAdministration applications, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.NoContent(await applications.RemoveSecretAsync(clientId, secretId, context.User.Actor(), cancellationToken));

    private static string Location(string clientId) => $"/admin/api/applications/{Uri.EscapeDataString(clientId)}";
}

/// <summary>A secret to generate: an optional description and expiry (default 180 days, at most 730).</summary>
public sealed record NewSecretInput
{
    public string? Description { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
