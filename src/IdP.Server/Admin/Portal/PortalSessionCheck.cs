using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IdP.Server.Admin.Portal;

/// <summary>
/// Checks the portal cookie on every request against <see cref="AccountStanding"/>, as ASP.NET Core Identity's
/// <c>SecurityStampValidator</c> does: once the account is gone or disabled, or its password has changed (a new
/// security stamp), the cookie is dropped and the next page asks to sign in again. The role itself is
/// <see cref="AdministratorHandler"/>'s check, which answers 403 rather than a new sign-in.
/// </summary>
internal sealed class PortalSessionCheck(AccountStanding standing) : CookieAuthenticationEvents
{
    /// <summary>The account's security stamp when the administrator signed in to the portal.</summary>
    public const string StampClaim = "idp_stamp";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var stands = Guid.TryParse(principal?.FindFirst("sub")?.Value, out var accountId)
            && await standing.CheckSessionAsync(accountId, principal!.FindFirst(StampClaim)?.Value, context.HttpContext.RequestAborted) is AccountCheck.Valid;
        if (!stands)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminPortal.CookieScheme);
        }
    }
}
