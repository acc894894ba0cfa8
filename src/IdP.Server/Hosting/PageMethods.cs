namespace IdP.Server.Hosting;

/// <summary>
/// Our pages take GET, HEAD and POST. Razor Pages would run a page for any method: PUT or PATCH found no handler and the
/// page rendered with 200, OPTIONS answered an empty 200. Anything else is now a 405 (with <c>Allow</c>) and the usual
/// error page, before authentication or antiforgery run.
/// </summary>
internal static class PageMethods
{
    public static IApplicationBuilder UsePageMethods(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null
                || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
            {
                return next(context);
            }

            context.Response.Headers.Allow = "GET, HEAD, POST";
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        });
}
