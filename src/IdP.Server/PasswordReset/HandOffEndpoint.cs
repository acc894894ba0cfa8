using IdP.Core.Journeys;
using IdP.Core.PasswordReset;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using IdP.Server.Journeys;
using Microsoft.Extensions.Localization;

namespace IdP.Server.PasswordReset;

/// <summary>
/// The forgot-password link of a hand-off flow: marks the journey and replays the authorize request, which answers
/// the app with AADB2C90118 as B2C's classic pattern expects. A link (GET) like Cancel; the browser binding stops
/// other sites from using someone else's journey.
/// </summary>
internal static class HandOffEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        string tenant,
        string policy,
        string? tx,
        JourneyService journeys,
        UserFlowService flows,
        PasswordResetSettingsService settings,
        IStringLocalizer<PasswordResetText> text,
        IStringLocalizer<ErrorText> errors)
    {
        var ct = http.RequestAborted;
        if (!(await settings.GetAsync(ct)).Enabled)
        {
            return ErrorPage.Result(ErrorPage.Model(http, text["UnavailableTitle"], text["UnavailableMessage"]), StatusCodes.Status403Forbidden);
        }

        var journey = await journeys.FindAsync(tx, BrowserBinding.Read(http), ct);
        var flow = journey is null ? null : await flows.FindAsync(journey.Policy, ct);
        if (journey is null || flow is null || !string.Equals(journey.Policy, policy, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorPage.Result(ErrorPage.Model(http, errors["SessionExpiredTitle"], errors["SessionExpiredMessage"]), StatusCodes.Status400BadRequest);
        }

        if (flow.Type != UserFlowType.SignIn || flow.PasswordResetBehavior != PasswordResetBehavior.HandOff)
        {
            return ErrorPage.Result(ErrorPage.Model(http, text["UnavailableTitle"], text["UnavailableInFlowMessage"]), StatusCodes.Status400BadRequest);
        }

        await journeys.MarkForgotPasswordAsync(journey, ct);
        return Results.Redirect(JourneyPages.ResumeAuthorize(journey));
    }
}
