using IdP.Core.Journeys;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using IdP.Server.Journeys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdP.Server.SignIn;

/// <summary>
/// Base of every page inside a journey: loads the tenant, the flow and the journey named by <c>tx</c> (bound to this
/// browser), and shows the "session expired" page when any of them is missing or does not match the URL.
/// </summary>
public abstract class JourneyPageModel(JourneyService journeys, TenantService tenants, UserFlowService flows, IStringLocalizer<ErrorText> errors) : PageModel
{
    protected JourneyService Journeys { get; } = journeys;

    [FromQuery(Name = "tx")]
    public string? Tx { get; set; }

    public Tenant Tenant { get; private set; } = null!;
    public UserFlow Flow { get; private set; } = null!;
    public AuthorizationJourney Journey { get; private set; } = null!;

    public string CancelUrl => JourneyPages.Cancel(Journey);

    /// <summary>Loads the journey; returns the result to send instead when it cannot continue.</summary>
    protected async Task<IActionResult?> LoadJourneyAsync(string tenant, string policy)
    {
        var ct = HttpContext.RequestAborted;
        var resolvedTenant = await tenants.ResolveAsync(tenant, ct);
        var flow = resolvedTenant is null ? null : await flows.FindAsync(policy, ct);
        if (resolvedTenant is null || flow is null)
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, errors["NotFoundTitle"], errors["NotFoundMessage"]), StatusCodes.Status404NotFound);
        }

        var journey = await Journeys.FindAsync(Tx, BrowserBinding.Read(HttpContext), ct);
        if (journey is null || !string.Equals(journey.Policy, flow.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, errors["SessionExpiredTitle"], errors["SessionExpiredMessage"]), StatusCodes.Status400BadRequest);
        }

        if (journey.Status != JourneyStatus.Pending)
        {
            // Finished elsewhere (another tab, the back button): let the authorize endpoint answer the app.
            return Redirect(JourneyPages.ResumeAuthorize(journey));
        }

        Tenant = resolvedTenant;
        Flow = flow;
        Journey = journey;
        ViewData["TenantDisplayName"] = resolvedTenant.DisplayName;
        return null;
    }
}
