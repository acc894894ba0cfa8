using IdP.Server.ErrorPages;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Protocol;

/// <summary>Answers policy endpoint paths whose tenant or user flow does not exist: a 404 page, or problem+json for APIs.</summary>
internal static class PolicyEndpointFallback
{
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
