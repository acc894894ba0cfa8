namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/settings/password-reset</c>: the tenant's "Self service password reset enabled" switch.</summary>
internal static class SettingsApi
{
    public static RouteGroupBuilder MapSettings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/settings").WithTags("Settings");
        group.MapGet("/password-reset", GetAsync).WithSummary("Gets the self-service password reset switch.");
        group.MapPut("/password-reset", ChangeAsync).Accepts<PasswordResetSettingsInput>("application/json")
            .WithSummary("Sets the switch: None, All, or Selected with a groupId. Every node sees the change at once.");
        return api;
    }

    private static Task<PasswordResetSettings> GetAsync(PasswordResetAdministration settings, CancellationToken cancellationToken) =>
        settings.GetAsync(cancellationToken);

    private static async Task<Results<Ok<PasswordResetSettings>, NotFound, ValidationProblem>> ChangeAsync(JsonBody<PasswordResetSettingsInput> body, PasswordResetAdministration settings, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await settings.ChangeAsync(body.Value, context.User.Actor(), cancellationToken));
}
