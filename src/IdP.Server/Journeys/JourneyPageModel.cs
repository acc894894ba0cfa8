namespace IdP.Server.Journeys;

/// <summary>
/// Base of every page inside a journey. Before any handler runs it loads the tenant, the flow and the journey named by
/// <c>tx</c> (bound to this browser), and answers with the "session expired" page when any of them is missing or does
/// not match the URL, so handlers start with all three loaded. "Cancel" is a handler of every journey page.
/// </summary>
public abstract class JourneyPageModel(JourneyPageServices services) : PageModel
{
    protected JourneyService Journeys => services.Journeys;

    protected JourneyLinks Links => services.Links;

    /// <summary>The error pages' strings.</summary>
    protected IStringLocalizer<ErrorText> Errors => services.Errors;

    [FromQuery(Name = JourneyLinks.JourneyParameter)]
    public string? Tx { get; set; }

    // Set by LoadAsync before any handler or view runs; a request that fails to load never reaches them.
    public Tenant Tenant { get; private set; } = null!;
    public UserFlow Flow { get; private set; } = null!;
    public AuthorizationJourney Journey { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var tenant = context.RouteData.Values["tenant"] as string ?? "";
        var policy = context.RouteData.Values["policy"] as string ?? "";
        if (await LoadAsync(tenant, policy, HttpContext.RequestAborted) is { } stop)
        {
            context.Result = stop;
            return;
        }

        if (HttpMethods.IsPost(Request.Method))
        {
            // The user acted: the journey, kept briefly while nobody had, now gets its full lifetime.
            await Journeys.KeepAsync(Journey, HttpContext.RequestAborted);
        }

        await next();
    }

    /// <summary>"Cancel": the app receives AADB2C90091.</summary>
    public async Task<IActionResult> OnPostCancelAsync()
    {
        await Journeys.MarkCancelledAsync(Journey, HttpContext.RequestAborted);
        return Redirect(Links.ResumeAuthorize(Journey));
    }

    /// <summary>Loads the journey; returns the result to send instead when it cannot continue. Pages add their own checks.</summary>
    protected virtual async Task<IActionResult?> LoadAsync(string tenant, string policy, CancellationToken cancellationToken)
    {
        var resolvedTenant = await services.Tenants.ResolveAsync(tenant, cancellationToken);
        var flow = resolvedTenant is null ? null : await services.Flows.FindAsync(policy, cancellationToken);
        if (resolvedTenant is null || flow is null)
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, Errors["NotFoundTitle"], Errors["NotFoundMessage"]), StatusCodes.Status404NotFound);
        }

        var journey = await Journeys.FindAsync(Tx, BrowserBinding.Read(HttpContext), cancellationToken);
        if (journey is null || !string.Equals(journey.Policy, flow.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, Errors["SessionExpiredTitle"], Errors["SessionExpiredMessage"]), StatusCodes.Status400BadRequest);
        }

        if (journey.Status != JourneyStatus.Pending)
        {
            // Finished elsewhere (another tab, the back button): let the authorize endpoint answer the app.
            return Redirect(Links.ResumeAuthorize(journey));
        }

        Tenant = resolvedTenant;
        Flow = flow;
        Journey = journey;
        ViewData["TenantDisplayName"] = resolvedTenant.DisplayName;
        if (flow.CustomPageContent is { } customPage)
        {
            // The layout renders the page inside the flow's own template (B2C's "custom page content").
            ViewData[UserFlows.CustomPages.CustomPageLayout.ViewDataKey] = customPage;
        }

        return null;
    }

    /// <summary>
    /// A typed sign-in name, username or address as a field shows it back: no longer than any of them can be, as the
    /// field's <c>maxlength</c> would have cut it, so a posted 100 KB value is not written back into the page.
    /// </summary>
    protected static string? ShownBack(string? typed) =>
        typed is { Length: > SignInNameNormalizer.MaxLength } ? typed[..SignInNameNormalizer.MaxLength] : typed;

    /// <summary>
    /// Counts this post against the client's <paramref name="limit"/> (per address and network, shared by the nodes):
    /// false while under it; over it, <paramref name="message"/> is the page's error and the response a 429 with
    /// Retry-After, and the caller shows its page again without doing the work the limit protects.
    /// </summary>
    protected async Task<bool> ThrottledAsync(AbuseLimit limit, string message)
    {
        if (await HttpContext.HitLimitAsync(limit) is not LimitDecision.Throttled throttled)
        {
            return false;
        }

        ModelState.AddModelError(string.Empty, message);
        Response.MarkThrottled(throttled);
        return true;
    }

    /// <summary>Redirects to another page of this journey (post/redirect/get).</summary>
    protected RedirectResult RedirectToJourneyPage(string page) => Redirect(Links.Page(HttpContext, Journey, page));
}
