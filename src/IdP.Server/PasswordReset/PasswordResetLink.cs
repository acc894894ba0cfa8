using IdP.Core.Journeys;
using IdP.Core.PasswordReset;
using IdP.Core.UserFlows;
using IdP.Server.SignIn;

namespace IdP.Server.PasswordReset;

/// <summary>
/// The sign-in page's "Can't access your account?": hidden while the tenant switch is None; on embedded flows it opens
/// step 1 in the same journey; on hand-off flows it returns AADB2C90118 to the app.
/// </summary>
internal sealed class PasswordResetLink(PasswordResetSettingsService settings, UserFlowService flows) : IForgotPasswordLink
{
    public async Task<string?> UrlAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        if (!(await settings.GetAsync(cancellationToken)).Enabled)
        {
            return null;
        }

        var flow = await flows.FindAsync(journey.Policy, cancellationToken);
        return flow?.PasswordResetBehavior == PasswordResetBehavior.HandOff
            ? PasswordResetPages.HandOff(journey)
            : PasswordResetPages.VerifyEmail(journey);
    }
}
