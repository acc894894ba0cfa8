using IdP.Core.Journeys;
using IdP.Core.UserFlows;

namespace IdP.Server.Journeys;

/// <summary>Where each page of a journey lives. Pages are under the flow's path, like B2C's.</summary>
public static class JourneyPages
{
    public const string SignInRoute = "/{tenant}/{policy}/signin";
    public const string PasswordResetRoute = "/{tenant}/{policy}/password-reset";
    public const string CancelRoute = "/{tenant}/{policy}/cancel";

    /// <summary>The first page of a journey: sign-in, or the reset page for a standalone reset flow.</summary>
    public static string FirstPage(AuthorizationJourney journey, UserFlowType type) =>
        type == UserFlowType.PasswordReset ? PasswordReset(journey) : SignIn(journey);

    public static string SignIn(AuthorizationJourney journey) => Page(journey, "signin");

    public static string PasswordReset(AuthorizationJourney journey) => Page(journey, "password-reset");

    public static string Cancel(AuthorizationJourney journey) => Page(journey, "cancel");

    /// <summary>The app's authorize request again, carrying the journey id, so the authorize endpoint can finish it.</summary>
    public static string ResumeAuthorize(AuthorizationJourney journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var separator = journey.AuthorizeUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{journey.AuthorizeUrl}{separator}tx={Uri.EscapeDataString(journey.Id)}";
    }

    private static string Page(AuthorizationJourney journey, string page)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return $"/{Uri.EscapeDataString(journey.TenantSegment)}/{Uri.EscapeDataString(journey.Policy)}/{page}?tx={Uri.EscapeDataString(journey.Id)}";
    }
}
