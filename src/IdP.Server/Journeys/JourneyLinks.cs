using IdP.Server.PasswordReset;

namespace IdP.Server.Journeys;

/// <summary>
/// The URLs of a journey's pages, made by the router from each page's own route, so a route is written once (in its
/// <c>@page</c> directive). Every link carries the tenant segment the app used and the journey id.
/// </summary>
public sealed class JourneyLinks(LinkGenerator links)
{
    /// <summary>The query parameter naming the journey on our pages and on the replayed authorize request.</summary>
    public const string JourneyParameter = "tx";

    /// <summary>A journey page (<paramref name="page"/> is its Razor page name), optionally one of its handlers.</summary>
    public string Page(HttpContext http, AuthorizationJourney journey, string page, string? handler = null) =>
        links.GetPathByPage(http, page, handler, RouteValues(journey))
            ?? throw new InvalidOperationException($"No route to the page {page}.");

    /// <summary>The first page of a journey: sign-in, or the reset page for a standalone reset flow.</summary>
    public string FirstPage(HttpContext http, AuthorizationJourney journey, UserFlowType type) =>
        Page(http, journey, type == UserFlowType.PasswordReset ? ResetPasswordModel.PageName : SignInModel.PageName);

    /// <summary>The app's authorize request again, carrying the journey id, so the authorize endpoint can finish it.</summary>
    public string ResumeAuthorize(AuthorizationJourney journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return QueryHelpers.AddQueryString(journey.AuthorizeUrl, JourneyParameter, journey.Id);
    }

    /// <summary>The route values every journey page takes: tenant, policy and the journey id.</summary>
    public static RouteValueDictionary RouteValues(AuthorizationJourney journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return new RouteValueDictionary
        {
            ["tenant"] = journey.TenantSegment,
            ["policy"] = journey.Policy,
            [JourneyParameter] = journey.Id,
        };
    }
}
