namespace IdP.Server.PasswordReset;

/// <summary>
/// Base of both reset pages: nothing runs while the tenant switch is None (whatever URL is typed), and on a sign-in
/// flow that hands reset off to the app the pages are not offered either. Then the usual journey checks apply.
/// </summary>
public abstract class ResetPageModel(JourneyPageServices services, PasswordResetSettingsService settings, IStringLocalizer<PasswordResetText> text)
    : JourneyPageModel(services)
{
    protected IStringLocalizer<PasswordResetText> Text { get; } = text;

    /// <summary>The journey, flow and tenant, as the core services take them.</summary>
    protected ResetRequest Reset => new(Journey, Flow, Tenant);

    protected override async Task<IActionResult?> LoadAsync(string tenant, string policy, CancellationToken cancellationToken)
    {
        if (await ResetSwitch.RefuseWhenOffAsync(HttpContext, settings, Text) is { } off)
        {
            return off;
        }

        if (await base.LoadAsync(tenant, policy, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (Flow.Type == UserFlowType.SignIn && Flow.PasswordResetBehavior == PasswordResetBehavior.HandOff)
        {
            return ResetSwitch.UnavailableInFlow(HttpContext, Text);
        }

        return null;
    }
}
