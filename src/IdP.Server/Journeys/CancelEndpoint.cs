using IdP.Core.Journeys;
using IdP.Server.ErrorPages;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Journeys;

/// <summary>
/// "Cancel" on any journey page: marks the journey cancelled and replays the authorize request, which returns
/// AADB2C90091 to the app. A link (GET), so it works without JavaScript; the browser binding stops other sites from
/// cancelling someone else's journey.
/// </summary>
internal static class CancelEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, string tenant, string policy, string? tx, JourneyService journeys, IStringLocalizer<ErrorText> errors)
    {
        var journey = await journeys.FindAsync(tx, BrowserBinding.Read(http), http.RequestAborted);
        if (journey is null || !string.Equals(journey.Policy, policy, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorPage.Result(ErrorPage.Model(http, errors["SessionExpiredTitle"], errors["SessionExpiredMessage"]), StatusCodes.Status400BadRequest);
        }

        await journeys.MarkCancelledAsync(journey, http.RequestAborted);
        return Results.Redirect(JourneyPages.ResumeAuthorize(journey));
    }
}
