namespace IdP.Server.Protocol;

/// <summary>
/// Answers policy endpoint requests OpenIddict did not turn into a protocol request: a 404 when the tenant or user flow
/// does not exist, a 400 when the flow is named twice (<c>?p=…&amp;p=…</c>) or when they exist but the request could not be
/// read (e.g. a POST that is not a form). A page, or problem+json for APIs.
/// </summary>
internal static class PolicyEndpointFallback
{
    /// <summary>The answer when <see cref="PolicyRequestHttpContextExtensions.GetPolicyEndpointRequest"/> finds nothing.</summary>
    public static IResult NoRequest(HttpContext http, IStringLocalizer<ErrorText> text)
    {
        if (http.GetPolicyRequest() is null)
        {
            return Unresolved(http, text);
        }

        var response = http.GetOpenIddictServerResponse();
        var message = response?.ErrorDescription ?? response?.Error ?? text["BadRequestTitle"].Value;
        var api = PolicyEndpointPaths.TryParse(http.Request.Path.Value, out var path) && IsApi(path.Endpoint);
        return Answer(http, api, StatusCodes.Status400BadRequest, text["BadRequestTitle"], message);
    }

    /// <summary>The answer when the request names no tenant and flow that exist, or names the flow twice.</summary>
    public static IResult Unresolved(HttpContext http, IStringLocalizer<ErrorText> text)
    {
        var (segment, policyInPath, endpoint) = PolicyEndpointPaths.TryParse(http.Request.Path.Value, out var path)
            ? (path.TenantSegment, path.PolicyInPath, path.Endpoint)
            : ("", "", default);
        switch (http.GetPolicyRequestProblem())
        {
            case PolicyRequestProblem.RepeatedPolicy:
                return Answer(http, IsApi(endpoint), StatusCodes.Status400BadRequest, text["BadRequestTitle"], text["RepeatedParameter", PolicyEndpointPaths.PolicyParameter]);
            case PolicyRequestProblem.UnknownPolicy:
                PolicyEndpointPaths.TryReadPolicy(policyInPath, http.Request.Query, out var policy);
                return Answer(http, IsApi(endpoint), StatusCodes.Status404NotFound, text["NotFoundTitle"], text["UnknownPolicy", policy]);
            default:
                return Answer(http, IsApi(endpoint), StatusCodes.Status404NotFound, text["NotFoundTitle"], text["UnknownTenant", segment]);
        }
    }

    // Discovery, keys and token answer programs: problem+json; authorize and logout answer browsers: the error page.
    private static bool IsApi(PolicyEndpoint endpoint) => endpoint is PolicyEndpoint.Configuration or PolicyEndpoint.Keys or PolicyEndpoint.Token;

    private static IResult Answer(HttpContext http, bool api, int statusCode, string title, string message) =>
        api ? Results.Problem(title: title, detail: message, statusCode: statusCode) : ErrorPage.Result(ErrorPage.Model(http, title, message), statusCode);
}
