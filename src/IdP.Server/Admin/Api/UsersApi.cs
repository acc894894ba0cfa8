namespace IdP.Server.Admin.Api;

/// <summary>
/// <c>/admin/api/users</c>: local accounts. Create takes our shape or Microsoft Graph's user-create shape; import takes a
/// JSON-lines file of either; update also takes Graph's update-user fields (accountEnabled, passwordProfile); password
/// and session changes end the account's sessions and grants.
/// </summary>
internal static class UsersApi
{
    /// <summary>The largest import file.</summary>
    public const int MaxImportBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users");
        group.MapGet("/", ListAsync).WithSummary("Lists users, oldest first, a page at a time; search matches the start of an email or username.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Gets one user.");
        group.MapPost("/", CreateAsync).Accepts<NewUserDocument>("application/json")
            .WithSummary("Creates a user from our shape (signInEmail, username, password…) or Microsoft Graph's (identities, passwordProfile, mail…).");
        group.MapPost("/import", ImportAsync).Accepts<string>("application/x-ndjson", "application/jsonl", "text/plain").WithMetadata(new BodyLimit(MaxImportBytes))
            .WithSummary($"Creates users from a JSON-lines file (one user per line, either shape, at most {UserImport.MaxLines}); answers a report per line.");
        group.MapPatch("/{id:guid}", UpdateAsync).Accepts<UserUpdate>("application/json")
            .WithSummary("Changes sign-in names, contact email and names (absent fields stay, an empty string removes a value); also Graph's accountEnabled (as disable/enable) and passwordProfile (as PUT password). Nothing is saved when a field is refused.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Deletes a user and revokes its grants.");
        group.MapPost("/{id:guid}/disable", DisableAsync).WithSummary("Disables a user: sign-in and reset refused, sessions and grants ended.");
        group.MapPost("/{id:guid}/enable", EnableAsync).WithSummary("Enables a user again (ended sessions stay ended).");
        group.MapPut("/{id:guid}/password", SetPasswordAsync).Accepts<PasswordInput>("application/json")
            .WithSummary("Sets a password (Strong complexity, not a common password), temporary with forceChangePasswordNextSignIn; ends sessions and grants.");
        group.MapPost("/{id:guid}/revoke-sessions", RevokeSessionsAsync).WithSummary("Ends every session, sign-in in progress, refresh token and grant of the user.");
        return api;
    }

    private static async Task<Results<Ok<Paged<UserDetails>>, NotFound, ValidationProblem>> ListAsync(string? search, int? page, int? pageSize, UserAdministration users, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.ListAsync(search, page ?? 1, pageSize ?? Paging.DefaultPageSize, cancellationToken));

    private static async Task<Results<Ok<UserDetails>, NotFound, ValidationProblem>> GetAsync(Guid id, UserAdministration users, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.GetAsync(id, cancellationToken));

    private static async Task<Results<Created<UserDetails>, NotFound, ValidationProblem>> CreateAsync(JsonBody<NewUserDocument> body, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Created(await users.CreateAsync(body.Value, context.User.Actor(), cancellationToken), created => $"/admin/api/users/{created.Id:D}");

    private static async Task<Results<Ok<ImportReport>, NotFound, ValidationProblem>> ImportAsync(HttpContext context, UserImport import, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadAsync(context, MaxImportBytes);
        if (bytes is null)
        {
            return AdminProblems.Validation([new FieldError("file", $"The file is larger than {MaxImportBytes} bytes: split it.")]);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return AdminProblems.Validation([new FieldError("file", "The file is not UTF-8 text.")]);
        }

        using var reader = new StringReader(text);
        return AdminProblems.Ok(await import.ImportAsync(reader, context.User.Actor(), cancellationToken));
    }

    private static async Task<Results<Ok<UserDetails>, NotFound, ValidationProblem>> UpdateAsync(Guid id, JsonBody<UserUpdate> body, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.UpdateAsync(id, body.Value, context.User.Actor(), cancellationToken));

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(Guid id, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.NoContent(await users.DeleteAsync(id, context.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<UserDetails>, NotFound, ValidationProblem>> DisableAsync(Guid id, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.SetEnabledAsync(id, false, context.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<UserDetails>, NotFound, ValidationProblem>> EnableAsync(Guid id, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.SetEnabledAsync(id, true, context.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<UserDetails>, NotFound, ValidationProblem>> SetPasswordAsync(Guid id, JsonBody<PasswordInput> body, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.SetPasswordAsync(id, body.Value.Password, body.Value.ForceChangePasswordNextSignIn ?? false, context.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<UserDetails>, NotFound, ValidationProblem>> RevokeSessionsAsync(Guid id, UserAdministration users, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await users.RevokeSessionsAsync(id, context.User.Actor(), cancellationToken));
}

/// <summary>A new password for a user.</summary>
public sealed record PasswordInput
{
    public string? Password { get; init; }

    /// <summary>True makes the password temporary (Graph's passwordProfile.forceChangePasswordNextSignIn).</summary>
    public bool? ForceChangePasswordNextSignIn { get; init; }
}
