using IdP.Core.Journeys;
using IdP.Server.Journeys;

namespace IdP.Server.PasswordReset;

/// <summary>Where the reset feature's pages live, under the flow's path like every journey page.</summary>
public static class PasswordResetPages
{
    /// <summary>Step 1 (verify the email address): <see cref="JourneyPages.PasswordResetRoute"/>.</summary>
    public const string VerifyEmailRoute = JourneyPages.PasswordResetRoute;

    /// <summary>Step 2 (choose the new password).</summary>
    public const string NewPasswordRoute = "/{tenant}/{policy}/password-reset/new-password";

    /// <summary>The hand-off link: tells the app "forgot password" (AADB2C90118).</summary>
    public const string HandOffRoute = "/{tenant}/{policy}/forgot-password";

    public static string VerifyEmail(AuthorizationJourney journey) => JourneyPages.PasswordReset(journey);

    public static string NewPassword(AuthorizationJourney journey) => Page(journey, "password-reset/new-password");

    public static string HandOff(AuthorizationJourney journey) => Page(journey, "forgot-password");

    private static string Page(AuthorizationJourney journey, string page)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return $"/{Uri.EscapeDataString(journey.TenantSegment)}/{Uri.EscapeDataString(journey.Policy)}/{page}?tx={Uri.EscapeDataString(journey.Id)}";
    }
}
