namespace IdP.Server.Protocol;

/// <summary>
/// Answers policy endpoint requests OpenIddict did not turn into a protocol request: a 404 when the tenant or user flow
/// does not exist, a 400 when they do but the request could not be read (e.g. a POST that is not a form). A page, or
/// problem+json for APIs.
/// </summary>
internal static class PolicyEndpointFallback
{
    /// <summary>The answer when <see cref="PolicyRequestHttpContextExtensions.GetPolicyEndpointRequest"/> finds nothing.</summary>
    public static IResult NoRequest(HttpContext http, IStringLocalizer<ErrorText> text)
    {
        if (http.GetPolicyRequest() is null)
        {
            return NotFound(http, text);
        }

        var response = http.GetOpenIddictServerResponse();
        var message = response?.ErrorDescription ?? response?.Error ?? text["BadRequestTitle"].Value;
        if (PolicyEndpointPaths.TryParse(http.Request.Path.Value, out var path) && path.Endpoint is PolicyEndpoint.Configuration or PolicyEndpoint.Keys or PolicyEndpoint.Token)
        {
            return Results.Problem(title: text["BadRequestTitle"], detail: message, statusCode: StatusCodes.Status400BadRequest);
        }

        return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], message), StatusCodes.Status400BadRequest);
    }

    public static IResult NotFound(HttpContext http, IStringLocalizer<ErrorText> text)
    {
        var (segment, policy) = PolicyEndpointPaths.TryParse(http.Request.Path.Value, out var path)
            ? (path.TenantSegment, path.PolicyInPath ?? http.Request.Query["p"].ToString())
            : ("", "");
        var message = http.GetPolicyRequestProblem() == PolicyRequestProblem.UnknownPolicy
            ? text["UnknownPolicy", policy].Value
            : text["UnknownTenant", segment].Value;

        if (path.Endpoint is PolicyEndpoint.Configuration or PolicyEndpoint.Keys or PolicyEndpoint.Token)
        {
            return Results.Problem(title: text["NotFoundTitle"], detail: message, statusCode: StatusCodes.Status404NotFound);
        }

        return ErrorPage.Result(ErrorPage.Model(http, text["NotFoundTitle"], message), StatusCodes.Status404NotFound);
    }
}
