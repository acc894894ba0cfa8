namespace IdP.Server.RunNow;

/// <summary>
/// Base of Run now's pages: they are never cached, framed or allowed to load anything but our own script and style
/// (the viewer shows tokens). When <c>IdP:RunNow:Enabled</c> is off they have no routes at all (see
/// <see cref="RunNowServiceCollectionExtensions"/>).
/// </summary>
public abstract class RunNowPageModel(IStringLocalizer<ErrorText> errors) : PageModel
{
    /// <summary>The error pages' strings, for the pages' own errors.</summary>
    protected IStringLocalizer<ErrorText> Errors { get; } = errors;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>The 404 error page with <paramref name="message"/>.</summary>
    protected Microsoft.AspNetCore.Mvc.ViewResult NotFoundPage(string message) =>
        ErrorPage.View(ErrorPage.Model(HttpContext, Errors["NotFoundTitle"], message), StatusCodes.Status404NotFound);
}
