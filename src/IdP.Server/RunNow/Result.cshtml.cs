namespace IdP.Server.RunNow;

/// <summary>
/// <c>/{tenant}/run-now/result</c>, the built-in viewer (our jwt.ms): the flow's response arrives by form_post (what
/// Run now asks for), by fragment (relayed by a same-origin script) or by query, and is shown decoded and checked.
/// </summary>
/// <remarks>
/// No antiforgery token: the poster is the authorize endpoint's form_post page, which cannot have one. The response's
/// <c>state</c> is what protects the viewer: random, bound to the browser that started the run, and usable once.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class ResultModel(RunNowViewer viewer, IStringLocalizer<ErrorText> errors) : RunNowPageModel(errors)
{
    public ViewerOutcome Outcome { get; private set; } = new ViewerOutcome.Waiting();

    public Task<IActionResult> OnGetAsync(string tenant) =>
        ShowAsync(tenant, FlowResponse.Read(name => Request.Query[name].FirstOrDefault(), ResponseMode.Query));

    public async Task<IActionResult> OnPostAsync(string tenant)
    {
        if (!Request.HasFormContentType)
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, Errors["BadRequestTitle"], Errors["GenericMessage"]), StatusCodes.Status400BadRequest);
        }

        var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        var mode = form["relay"] == "fragment" ? ResponseMode.Fragment : ResponseMode.FormPost;
        return await ShowAsync(tenant, FlowResponse.Read(name => form[name].FirstOrDefault(), mode));
    }

    private async Task<IActionResult> ShowAsync(string tenant, FlowResponse response)
    {
        Outcome = await viewer.ShowAsync(HttpContext, tenant, response);
        switch (Outcome)
        {
            case ViewerOutcome.TenantNotFound:
                return NotFoundPage(Errors["UnknownTenant", tenant]);
            case ViewerOutcome.FlowNotFound notFound:
                return NotFoundPage(Errors["UnknownPolicy", notFound.Run.Policy]);
        }

        Response.StatusCode = Outcome switch
        {
            ViewerOutcome.UnknownRun or ViewerOutcome.ExpiredRun or ViewerOutcome.AlreadyShown or ViewerOutcome.UnexpectedResponse => StatusCodes.Status400BadRequest,
            ViewerOutcome.RedemptionFailed => StatusCodes.Status502BadGateway,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
