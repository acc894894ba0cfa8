namespace IdP.Server.PasswordReset;

/// <summary>
/// "Can't access your account?" on a flow that hands reset off to the app: a POST marks the journey and replays the
/// authorize request, which answers the app with AADB2C90118 as B2C's classic pattern expects. The sign-in page posts
/// here; a GET (an old link, a bookmark) shows the button instead of ending the journey.
/// </summary>
public sealed class ForgotPasswordModel(JourneyPageServices services, PasswordResetSettingsService settings, IStringLocalizer<PasswordResetText> text)
    : JourneyPageModel(services)
{
    public const string PageName = "/PasswordReset/ForgotPassword";

    /// <summary>Back to the sign-in page, for someone who did not mean to leave.</summary>
    public string BackUrl { get; private set; } = "";

    public IActionResult OnGet()
    {
        BackUrl = Links.FirstPage(HttpContext, Journey, Flow.Type);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Journeys.MarkForgotPasswordAsync(Journey, HttpContext.RequestAborted);
        return Redirect(Links.ResumeAuthorize(Journey));
    }

    protected override async Task<IActionResult?> LoadAsync(string tenant, string policy, CancellationToken cancellationToken)
    {
        if (await ResetSwitch.RefuseWhenOffAsync(HttpContext, settings, text) is { } off)
        {
            return off;
        }

        if (await base.LoadAsync(tenant, policy, cancellationToken) is { } stop)
        {
            return stop;
        }

        return Flow.Type == UserFlowType.SignIn && Flow.PasswordResetBehavior == PasswordResetBehavior.HandOff
            ? null
            : ResetSwitch.UnavailableInFlow(HttpContext, text);
    }
}
