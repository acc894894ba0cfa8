namespace IdP.Server.Admin.Portal;

/// <summary>
/// <c>POST /admin/sign-out</c>: ends the portal session, then sends the browser to the sign-in flow's logout endpoint,
/// which ends the server's SSO session too (so the next visit asks for the password again). GET only redirects home.
/// </summary>
public sealed class SignOutModel(TenantService tenants, IOptions<PortalOptions> options) : PortalPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Admin/Portal/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminPortal.CookieScheme);
        var tenant = await tenants.GetAsync(Aborted);
        return tenant is null
            ? RedirectToPage("/Admin/Portal/Index")
            : Redirect(PolicyRequest.PublicEndpoint(Request.Origin(), tenant.Domain, options.Value.Policy, PolicyEndpoint.Logout).AbsoluteUri);
    }
}
