namespace IdP.Server.Admin.Api;

/// <summary>Marker for the admin API's string resources (AdminApiText.resx): the problem details of bare status codes.</summary>
public sealed class AdminApiText;

/// <summary>
/// Problem details for the admin API's bare status codes (a challenge's 401, a 403, an unknown path's 404, a binding
/// failure's 400…), so every error the API gives is <c>application/problem+json</c> that says what to do.
/// </summary>
internal static class AdminApiStatus
{
    /// <summary>True for requests to the admin API.</summary>
    public static bool Handles(HttpContext context) =>
        context.Request.Path.StartsWithSegments(AdminApi.Prefix, StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context)
    {
        var code = context.Response.StatusCode;
        var (title, detail) = Words(context, code);
        return TypedResults.Problem(title: title, detail: detail, statusCode: code).ExecuteAsync(context);
    }

    /// <summary>The admin API's title and detail for a status code (for bare status codes and unexpected failures alike).</summary>
    public static (string Title, string Detail) Words(HttpContext context, int code)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<AdminApiText>>();
        return code switch
        {
            StatusCodes.Status401Unauthorized => (text["UnauthorizedTitle"], text["UnauthorizedMessage"]),
            StatusCodes.Status403Forbidden => (text["ForbiddenTitle"], text["ForbiddenMessage"]),
            StatusCodes.Status404NotFound => (text["NotFoundTitle"], text["NotFoundMessage"]),
            StatusCodes.Status405MethodNotAllowed => (text["MethodNotAllowedTitle"], text["MethodNotAllowedMessage"]),
            StatusCodes.Status415UnsupportedMediaType => (text["UnsupportedMediaTypeTitle"], text["UnsupportedMediaTypeMessage"]),
            StatusCodes.Status400BadRequest => (text["BadRequestTitle"], text["BadRequestMessage"]),
            _ => (text["ErrorTitle"], text["ErrorMessage"]),
        };
    }
}
