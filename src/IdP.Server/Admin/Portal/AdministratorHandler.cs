using Microsoft.AspNetCore.Authorization;

namespace IdP.Server.Admin.Portal;

/// <summary>The portal's requirement: the signed-in account holds <see cref="Administrators.Role"/>.</summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks <see cref="AdministratorRequirement"/> in the database on every request, so revoking the role takes effect on
/// the next page on every node, whatever the portal cookie says. That the account still exists, is enabled and has
/// the stamp it signed in with is <see cref="PortalSessionCheck"/>'s check, made before this one when the cookie is read.
/// </summary>
internal sealed class AdministratorHandler(Administrators administrators) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Resource as HttpContext;
        if (Guid.TryParse(context.User.FindFirst("sub")?.Value, out var id)
            && await administrators.IsAdministratorAsync(id, http?.RequestAborted ?? CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
