namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/user-flows</c>: user flows (policies) and every property B2C gives them.</summary>
internal static class UserFlowsApi
{
    public static RouteGroupBuilder MapUserFlows(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/user-flows").WithTags("User flows");
        group.MapGet("/", ListAsync).WithSummary("Lists every user flow, by name, with every property but customPageContent (the template: GET the flow for it).");
        group.MapGet("/{name}", GetAsync).WithSummary("Gets one user flow (name in any case, with its B2C_1_ prefix).");
        group.MapPost("/", CreateAsync).Accepts<UserFlowInput>("application/json")
            .WithSummary("Creates a user flow; properties left out get B2C's defaults, the name gets its B2C_1_ prefix.");
        group.MapPatch("/{name}", UpdateAsync).Accepts<UserFlowInput>("application/json")
            .WithSummary("Changes the properties the body carries; the others stay. The name cannot change.");
        group.MapPost("/{name}/custom-page/refresh", RefreshCustomPageAsync)
            .WithSummary("Fetches the flow's custom page template from its customPageUri again now; a failure keeps the last good copy and is reported in customPageError.");
        group.MapDelete("/{name}", DeleteAsync).WithSummary("Deletes a user flow; the last sign-in flow cannot be deleted.");
        return api;
    }

    private static Task<IReadOnlyList<UserFlowSummary>> ListAsync(UserFlowAdministration flows, CancellationToken cancellationToken) =>
        flows.ListAsync(cancellationToken);

    private static async Task<Results<Ok<UserFlowDetails>, NotFound, ValidationProblem>> GetAsync(string name, UserFlowAdministration flows, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await flows.GetAsync(name, cancellationToken));

    private static async Task<Results<Created<UserFlowDetails>, NotFound, ValidationProblem>> CreateAsync(JsonBody<UserFlowInput> body, UserFlowAdministration flows, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Created(await flows.CreateAsync(body.Value, context.User.Actor(), cancellationToken), created => $"/admin/api/user-flows/{created.Name}");

    private static async Task<Results<Ok<UserFlowDetails>, NotFound, ValidationProblem>> UpdateAsync(string name, JsonBody<UserFlowInput> body, UserFlowAdministration flows, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await flows.UpdateAsync(name, body.Value, context.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<UserFlowDetails>, NotFound, ValidationProblem>> RefreshCustomPageAsync(string name, UserFlowAdministration flows, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await flows.RefreshCustomPageAsync(name, context.User.Actor(), cancellationToken));

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(string name, UserFlowAdministration flows, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.NoContent(await flows.DeleteAsync(name, context.User.Actor(), cancellationToken));
}
