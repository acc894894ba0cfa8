using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace IdP.Server.ErrorPages;

/// <summary>
/// Renders the error page (ErrorPages/ErrorView.cshtml) from pages and minimal-API endpoints alike, with a correlation id
/// and timestamp as B2C shows them, and never an exception's details.
/// </summary>
public static class ErrorPage
{
    private const string ViewPath = "/ErrorPages/ErrorView.cshtml";

    /// <summary>The correlation id of the current request (the trace id, which the logs carry too).</summary>
    public static string CorrelationId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    /// <summary>An error model stamped with the request's correlation id and the current time.</summary>
    public static ErrorModel Model(HttpContext context, string title, string message, string? code = null, string? help = null) =>
        new(title, message, code, CorrelationId(context), context.RequestServices.GetRequiredService<TimeProvider>().UtcNow()) { Help = help };

    /// <summary>The error page as an MVC result (for Razor Pages handlers).</summary>
    public static ViewResult View(ErrorModel model, int statusCode) =>
        new()
        {
            ViewName = ViewPath,
            StatusCode = statusCode,
            ViewData = new ViewDataDictionary<ErrorModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model },
        };

    /// <summary>The error page as a minimal-API result.</summary>
    public static IResult Result(ErrorModel model, int statusCode) => new ErrorPageResult(View(model, statusCode));

    private sealed class ErrorPageResult(ViewResult view) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var routeData = httpContext.GetRouteData();
            var actionContext = new ActionContext(httpContext, routeData, new ActionDescriptor());
            return view.ExecuteResultAsync(actionContext);
        }
    }
}
