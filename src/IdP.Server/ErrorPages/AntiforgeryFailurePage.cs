using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace IdP.Server.ErrorPages;

/// <summary>
/// A form posted without a valid antiforgery token (an old tab, cookies cleared, a cross-site post) gets an error page
/// that says what happened and what to do, instead of a bare 400.
/// </summary>
internal sealed class AntiforgeryFailurePage(IStringLocalizer<ErrorText> text) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = ErrorPage.View(ErrorPage.Model(context.HttpContext, text["FormExpiredTitle"], text["FormExpiredMessage"]), StatusCodes.Status400BadRequest);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
