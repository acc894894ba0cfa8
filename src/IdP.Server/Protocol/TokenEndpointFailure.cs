using Microsoft.AspNetCore.Diagnostics;

namespace IdP.Server.Protocol;

/// <summary>
/// What a token endpoint answers when an exception escapes it: an OAuth error, because its callers are client libraries
/// that read <c>error</c>, not the problem details or error page other requests get. A failing database (a refused
/// statement, or a connection out of reach) is <c>temporarily_unavailable</c> with 503 and <c>Retry-After</c>: nothing
/// was issued and the client may try again; anything else is <c>server_error</c>. Written here rather than by OpenIddict,
/// because the failure may come before OpenIddict knew which endpoint the request is for (the flow is read from the
/// database first). The cause is logged by the exception handler, never sent.
/// </summary>
internal static class TokenEndpointFailure
{
    public const string UnavailableDescription = "The service is temporarily unavailable. Please try again in a moment.";

    public const string FailedDescription = "The tokens could not be issued. Please try again.";

    /// <summary>True when the request that failed was posted to a user flow's token endpoint.</summary>
    public static bool Handles(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && PolicyEndpointPaths.TryParse(context.Request.Path.Value, out var path) && path.Endpoint == PolicyEndpoint.Token;

    /// <summary>Answers the failed token request (from the exception handler).</summary>
    public static Task WriteAsync(HttpContext context)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var unavailable = ExceptionPage.DatabaseFailed(context.Features.Get<IExceptionHandlerFeature>()?.Error);
        var (error, description, status) = unavailable
            ? (Errors.TemporarilyUnavailable, UnavailableDescription, StatusCodes.Status503ServiceUnavailable)
            : (Errors.ServerError, FailedDescription, StatusCodes.Status500InternalServerError);
        if (unavailable)
        {
            AnswerUnavailableWith503.AskToRetryLater(context.Response);
        }

        // As OpenIddict sends every token response (RFC 6749, section 5.1).
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        var body = new Dictionary<string, string>
        {
            [Parameters.Error] = error,
            [Parameters.ErrorDescription] = DescribeErrorsAsB2C.WithCorrelation(description, context, time),
        };
        return Results.Json(body, statusCode: status).ExecuteAsync(context);
    }
}
