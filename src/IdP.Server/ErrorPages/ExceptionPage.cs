using IdP.Server.Localization;
using Microsoft.AspNetCore.Diagnostics;

namespace IdP.Server.ErrorPages;

/// <summary>
/// What users see when something unexpected fails: the error page with a correlation id, never exception details. When
/// the database cannot be reached (it restarts, fails over, or the network drops) or refuses a statement, a 503 with
/// <c>Retry-After</c> says "try again in a moment", so load balancers and clients retry instead of reporting a bug; the node recovers by
/// itself once the database is back (connections are re-opened, nothing is cached as broken).
/// </summary>
internal static class ExceptionPage
{
    /// <summary>Seconds a client is asked to wait when the database is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The status code for an unhandled exception: 503 when the database failed, else 500.</summary>
    public static int StatusCodeFor(Exception exception) =>
        DatabaseFailed(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>
    /// True when the exception (or one it wraps) is the database's: out of reach, or refusing a statement (a failover's
    /// read-only moment, a race lost on a unique index). Either way the request did nothing and trying again is the
    /// right advice; a 500 would report a bug to someone who can do nothing about it.
    /// </summary>
    public static bool DatabaseFailed(Exception? exception) => InChain(exception, e => e is System.Data.Common.DbException or DbUpdateException);

    /// <summary>True when the exception (or one it wraps) is a database failure its provider calls transient.</summary>
    public static bool DatabaseUnavailable(Exception? exception) => InChain(exception, e => e is System.Data.Common.DbException { IsTransient: true });

    private static bool InChain(Exception? exception, Func<Exception, bool> test)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (test(exception))
            {
                return true;
            }
        }

        return false;
    }

    public static async Task WriteAsync(HttpContext context)
    {
        if (TokenEndpointFailure.Handles(context))
        {
            await TokenEndpointFailure.WriteAsync(context);
            return;
        }

        FlowLanguage.UseRequestLanguage(context);
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        var unavailable = DatabaseFailed(context.Features.Get<IExceptionHandlerFeature>()?.Error);
        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        var model = unavailable
            ? ErrorPage.Model(context, text["UnavailableTitle"], text["UnavailableMessage"])
            : ErrorPage.Model(context, text["GenericTitle"], text["GenericMessage"]);
        if (unavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (WantsJson(context))
        {
            if (!unavailable && Admin.Api.AdminApiStatus.Handles(context))
            {
                // The admin API's own words: the generic title is the sign-in pages' ("trouble signing you in").
                var (title, detail) = Admin.Api.AdminApiStatus.Words(context, status);
                model = model with { Title = title, Message = detail };
            }

            await Results.Problem(title: model.Title, detail: model.Message, statusCode: status,
                extensions: new Dictionary<string, object?> { ["correlationId"] = model.CorrelationId, ["timestamp"] = model.Timestamp }).ExecuteAsync(context);
            return;
        }

        await ErrorPage.Result(model, status).ExecuteAsync(context);
    }

    // JSON for what programs call: the admin API, token and logout posts, and the discovery document and keys, whose
    // callers (OpenID Connect libraries) expect JSON whatever Accept says.
    internal static bool WantsJson(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase)
        || Admin.Api.AdminApiStatus.Handles(context)
        || context.Request.Path.Value?.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase) == true && HttpMethods.IsPost(context.Request.Method)
        || PolicyEndpointPaths.TryParse(context.Request.Path.Value, out var endpoint) && endpoint.Endpoint is PolicyEndpoint.Configuration or PolicyEndpoint.Keys;
}

/// <summary>Bodies for bare status codes (404 for unknown paths, 400 for a failed antiforgery check, 405…).</summary>
internal static class StatusCodePage
{
    public static async Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (Admin.Api.AdminApiStatus.Handles(context))
        {
            await Admin.Api.AdminApiStatus.WriteAsync(context);
            return;
        }

        FlowLanguage.UseRequestLanguage(context);
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        var code = context.Response.StatusCode;
        // A bare 4xx is the request's fault (unreadable, a method the endpoint does not take…): "unexpected error" and a
        // support contact would send the user the wrong way.
        var (title, message) = code switch
        {
            StatusCodes.Status404NotFound => (text["NotFoundTitle"].Value, text["NotFoundMessage"].Value),
            < 500 => (text["BadRequestTitle"].Value, text["BadRequestMessage"].Value),
            _ => (text["BadRequestTitle"].Value, text["GenericMessage"].Value),
        };

        if (ExceptionPage.WantsJson(context))
        {
            await Results.Problem(title: title, detail: message, statusCode: code).ExecuteAsync(context);
            return;
        }

        await ErrorPage.Result(ErrorPage.Model(context, title, message), code).ExecuteAsync(context);
    }
}
