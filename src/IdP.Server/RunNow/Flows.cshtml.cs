namespace IdP.Server.RunNow;

/// <summary>
/// <c>/{tenant}/run-now/flows</c>, the old list of run URLs behind the operator's Basic credentials: the list moved to
/// the admin portal's user flows (each flow's page has B2C's Run user flow panel), so bookmarks land there and the
/// portal's own sign-in decides who may see it. An unknown tenant still gets the 404 page; with the portal switched
/// off there is nothing to send the browser to (404).
/// </summary>
public sealed class FlowsModel(TenantService tenants, IStringLocalizer<ErrorText> errors) : RunNowPageModel(errors)
{
    /// <summary>The portal's user flows page (the Razor page the redirect names).</summary>
    public const string PortalUserFlowsPage = "/Admin/Portal/UserFlows/Index";

    public async Task<IActionResult> OnGetAsync(string tenant)
    {
        if (await tenants.ResolveAsync(tenant, HttpContext.RequestAborted) is null)
        {
            return NotFoundPage(Errors["UnknownTenant", tenant]);
        }

        return Url.Page(PortalUserFlowsPage) is { } userFlows ? RedirectPermanent(userFlows) : NotFoundPage(Errors["NotFoundMessage"]);
    }
}
