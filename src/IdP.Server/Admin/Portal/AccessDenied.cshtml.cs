using Microsoft.AspNetCore.Authorization;

namespace IdP.Server.Admin.Portal;

/// <summary>
/// <c>/admin/access-denied</c> (403): where the portal sends an account that signed in but is not (or no longer) an
/// administrator. It says who is signed in, so they can sign out and use another account. An administrator who opens it
/// (a bookmark, the back button after the role was granted) is denied nothing and goes to the portal.
/// </summary>
public sealed class AccessDeniedModel(IAuthorizationService authorization) : PortalPageModel
{
    public string? SignedInAs { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        // Anonymous page: read the portal cookie explicitly to say who is signed in.
        var result = await HttpContext.AuthenticateAsync(AdminPortal.CookieScheme);
        if (result.Principal is { } principal)
        {
            HttpContext.User = principal;
            SignedInAs = AdministratorName;
        }

        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (SignedInAs is not null && (await authorization.AuthorizeAsync(User, AdminPortal.Policy)).Succeeded)
        {
            return RedirectToPage("/Admin/Portal/Index");
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
