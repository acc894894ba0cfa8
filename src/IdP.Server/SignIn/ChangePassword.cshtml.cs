using IdP.Server.PasswordReset;

namespace IdP.Server.SignIn;

/// <summary>
/// B2C's "Forced password reset": after the right password of an account an administrator marked, on a flow with the
/// property on, the user chooses a new password here before the sign-in finishes. Only a journey that holds that
/// proven password reaches the page (<see cref="ForcedPasswordChange"/>); any other goes back to the sign-in page.
/// The form, its help text and messages are the reset's step 2 (<see cref="NewPasswordForm"/>).
/// </summary>
public sealed class ChangePasswordModel(
    JourneyPageServices services,
    ForcedPasswordChange forced,
    SignInStep signedIn,
    IStringLocalizer<PasswordResetText> resetText,
    IStringLocalizer<SignInText> text) : JourneyPageModel(services)
{
    public const string PageName = "/SignIn/ChangePassword";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public NewPasswordForm Form => NewPasswordForm.For(Flow, Journey, resetText);

    // The account this journey proved, read once per request by LoadAsync.
    private PendingPasswordChange? _pending;

    /// <summary>The account changing its password entered its emailed code first (on a flow with MFA Always on).</summary>
    private bool MultifactorDone => Journey is { MultifactorVerified: true } && Journey.MultifactorAccountId == Journey.PasswordChangeAccountId;

    public IActionResult OnGet() => Page();

    /// <summary>"Continue", the form's own action (Enter in either field).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        // Each post checks a password hash (new ≠ current), as costly as a sign-in's: it counts with the sign-in posts,
        // so one proven password cannot buy unlimited hashing.
        if (await ThrottledAsync(AbuseLimit.SignInAttempts, text["Throttled"]))
        {
            return Page();
        }

        var result = await forced.ChangeAsync(_pending!, Flow, Input.NewPassword, Input.ReenterPassword, HttpContext.RequestAborted);
        switch (result)
        {
            case ChangePasswordResult.Changed(var account, var changedAt):
                // The sign-in the proven password started completes now, with the new security stamp and the
                // "Keep me signed in" choice posted with that password (kept in the journey).
                return Redirect(await signedIn.FinishAsync(HttpContext, Journey, Flow, account, changedAt, AuthenticationMethod.Password, Journey.KeepMeSignedIn, MultifactorDone));
            case ChangePasswordResult.SameAsCurrent:
                ModelState.AddModelError(PageElementIds.NewPassword, text["PasswordUnchanged"]);
                return Page();
            default:
                // The account changed meanwhile (another tab, an administrator): the user signs in again.
                return NewPasswordForm.ShowRefusal(ModelState, result, Flow.PasswordComplexity, resetText) ? Page() : RedirectToJourneyPage(SignInModel.PageName);
        }
    }

    protected override async Task<IActionResult?> LoadAsync(string tenant, string policy, CancellationToken cancellationToken)
    {
        if (await base.LoadAsync(tenant, policy, cancellationToken) is { } stop)
        {
            return stop;
        }

        // Cancel included: a journey that proved no password here (nor, on an MFA flow, its second factor) is the sign-in page's.
        _pending = await forced.FindAsync(Journey, cancellationToken);
        return _pending is null || (Multifactor.Required(Flow) && !MultifactorDone) ? RedirectToJourneyPage(SignInModel.PageName) : null;
    }
}
