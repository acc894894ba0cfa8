using Microsoft.Net.Http.Headers;

namespace IdP.Server.Hosting;

/// <summary>
/// Headers every HTML page carries: a Content-Security-Policy that allows only our own styles, scripts and images, no
/// inline script or style, and no framing (clickjacking on the sign-in page), plus X-Frame-Options for older browsers,
/// nosniff and no referrer. The authorize endpoint's form_post answer is the one page with an inline script
/// (OpenIddict's auto-submit); it is allowed by its hash, posts to the app's origin, and is never framed by us either.
/// A page that sets its own policy (Run now's, stricter) keeps it.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The CSP of our pages.</summary>
    public const string PagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    // sha256 of OpenIddict's form_post script, "document.form.submit();".
    private const string FormPostPolicy = "default-src 'none'; script-src 'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI='; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var headers = response.Headers;
                    if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                    {
                        headers.ContentSecurityPolicy = IsFormPost(context) ? FormPostPolicy : PagePolicy;
                    }

                    headers.XFrameOptions = "DENY";
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    // OpenIddict writes its form_post page at the authorize endpoint; our own pages there (errors) carry no form to post.
    private static bool IsFormPost(HttpContext context) =>
        Protocol.PolicyEndpointPaths.TryParse(context.Request.Path.Value, out var path) && path.Endpoint == Protocol.PolicyEndpoint.Authorize
        && context.Response.StatusCode == StatusCodes.Status200OK;
}
