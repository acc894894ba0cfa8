using Microsoft.AspNetCore.Authorization;

namespace IdP.Server.Admin.Portal;

/// <summary>The portal's requirement: the signed-in account still exists, is enabled and holds <see cref="Administrators.Role"/>.</summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks <see cref="AdministratorRequirement"/> in the database on every request, so disabling an account or revoking
/// its role takes effect on the next page on every node, whatever its portal cookie says.
/// </summary>
internal sealed class AdministratorHandler(UserManager<Account> users) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(context.User.FindFirst("sub")?.Value, out var id))
        {
            return;
        }

        var account = await users.FindByIdAsync(id.ToString());
        if (account is { Enabled: true } && await users.IsInRoleAsync(account, Administrators.Role))
        {
            context.Succeed(requirement);
        }
    }
}
