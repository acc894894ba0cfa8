namespace IdP.Server.PasswordReset;

/// <summary>
/// The sign-in page's "Can't access your account?": hidden while the tenant switch is None; on embedded flows a link to
/// step 1 in the same journey; on hand-off flows a form posting to the hand-off page, which returns AADB2C90118 to the app.
/// </summary>
internal sealed class PasswordResetLink(PasswordResetSettingsService settings, UserFlowService flows, JourneyLinks links) : IForgotPasswordLink
{
    public async Task<ForgotPasswordTarget?> FindAsync(HttpContext http, AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        if (!(await settings.GetAsync(cancellationToken)).Enabled)
        {
            return null;
        }

        var flow = await flows.FindAsync(journey.Policy, cancellationToken);
        return flow?.PasswordResetBehavior == PasswordResetBehavior.HandOff
            ? new ForgotPasswordTarget(links.Page(http, journey, ForgotPasswordModel.PageName), ByPost: true)
            : new ForgotPasswordTarget(links.Page(http, journey, ResetPasswordModel.PageName), ByPost: false);
    }
}
