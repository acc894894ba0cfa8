namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/groups</c>: groups of users (the password-reset switch's Selected mode names one) and their members.</summary>
internal static class GroupsApi
{
    public static RouteGroupBuilder MapGroups(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/groups").WithTags("Groups");
        group.MapGet("/", ListAsync).WithSummary("Lists every group, by name, with its member count.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Gets one group.");
        group.MapPost("/", CreateAsync).Accepts<GroupInput>("application/json").WithSummary("Creates a group; names are unique.");
        group.MapPatch("/{id:guid}", UpdateAsync).Accepts<GroupInput>("application/json").WithSummary("Renames a group or changes its description.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Deletes a group and its memberships (not the group password reset names).");
        group.MapGet("/{id:guid}/members", MembersAsync).WithSummary("Lists the group's members, a page at a time.");
        group.MapPost("/{id:guid}/members", AddMemberAsync).Accepts<MemberInput>("application/json").WithSummary("Adds a user to the group.");
        group.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync).WithSummary("Removes a user from the group.");
        return api;
    }

    private static Task<IReadOnlyList<GroupDetails>> ListAsync(GroupAdministration groups, CancellationToken cancellationToken) =>
        groups.ListAsync(cancellationToken);

    private static async Task<Results<Ok<GroupDetails>, NotFound, ValidationProblem>> GetAsync(Guid id, GroupAdministration groups, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await groups.GetAsync(id, cancellationToken));

    private static async Task<Results<Created<GroupDetails>, NotFound, ValidationProblem>> CreateAsync(JsonBody<GroupInput> body, GroupAdministration groups, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Created(await groups.CreateAsync(body.Value, context.User.Actor(), cancellationToken), created => $"/admin/api/groups/{created.Id:D}");

    private static async Task<Results<Ok<GroupDetails>, NotFound, ValidationProblem>> UpdateAsync(Guid id, JsonBody<GroupInput> body, GroupAdministration groups, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await groups.UpdateAsync(id, body.Value, context.User.Actor(), cancellationToken));

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(Guid id, GroupAdministration groups, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.NoContent(await groups.DeleteAsync(id, context.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<Paged<UserDetails>>, NotFound, ValidationProblem>> MembersAsync(Guid id, int? page, int? pageSize, GroupAdministration groups, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await groups.MembersAsync(id, page ?? 1, pageSize ?? Paging.DefaultPageSize, cancellationToken));

    private static async Task<Results<Ok<GroupDetails>, NotFound, ValidationProblem>> AddMemberAsync(Guid id, JsonBody<MemberInput> body, GroupAdministration groups, HttpContext context, CancellationToken cancellationToken)
    {
        if (body.Value.UserId is not { } userId)
        {
            return AdminProblems.Validation([new FieldError("userId", "Name the user to add (userId).")]);
        }

        return AdminProblems.Ok(await groups.AddMemberAsync(id, userId, context.User.Actor(), cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RemoveMemberAsync(Guid id, Guid userId, GroupAdministration groups, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.NoContent(await groups.RemoveMemberAsync(id, userId, context.User.Actor(), cancellationToken));
}

/// <summary>The user to add to a group.</summary>
public sealed record MemberInput
{
    public Guid? UserId { get; init; }
}
