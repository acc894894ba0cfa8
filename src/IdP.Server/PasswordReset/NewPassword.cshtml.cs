namespace IdP.Server.PasswordReset;

/// <summary>
/// Step 2: the new password, checked on the server against the flow's rule (shown as help text). On success the user
/// is signed in with the new security stamp and the app's authorize request completes with <c>auth_time</c> = now.
/// </summary>
public sealed class NewPasswordModel(
    JourneyPageServices services,
    PasswordResetSettingsService settings,
    PasswordResetCompletion completion,
    SignInStep signedIn,
    IStringLocalizer<PasswordResetText> text) : ResetPageModel(services, settings, text)
{
    public const string PageName = "/PasswordReset/NewPassword";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public NewPasswordForm Form => NewPasswordForm.For(Flow, Journey, Text);

    public async Task<IActionResult> OnGetAsync()
    {
        var verified = await completion.FindVerifiedAsync(Journey, HttpContext.RequestAborted);
        if (verified is not { Eligibility: ResetEligibility.Eligible })
        {
            return RedirectToJourneyPage(ResetPasswordModel.PageName);
        }

        return Page();
    }

    /// <summary>"Continue", the form's own action (Enter in either field).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await completion.ChangePasswordAsync(Reset, Input.NewPassword, Input.ReenterPassword, HttpContext.RequestAborted);
        if (result is ChangePasswordResult.Changed(var account, var changedAt))
        {
            // "Keep me signed in" is not offered on a reset, as in B2C: the sign-in page's box was never posted (its
            // "Forgot your password?" is a link), so the reset signs in with a browser session.
            // The reset proved the account's mailbox with an emailed code, the very factor an Email-MFA flow asks: the
            // session counts as having it, and this sign-in asks no second code (B2C's embedded reset verified the email).
            return Redirect(await signedIn.FinishAsync(HttpContext, Journey, Flow, account, changedAt, AuthenticationMethod.PasswordReset, keepMeSignedIn: false, multifactor: true));
        }

        // A refusal of the password typed is shown on the form (an empty field: the service says so only after the
        // mailbox check, so a post without a verified mailbox still goes back to step 1). Otherwise there is no
        // verified mailbox any more (used in another tab, or the account may no longer reset): step 1 explains.
        return NewPasswordForm.ShowRefusal(ModelState, result, Flow.PasswordComplexity, Text) ? Page() : RedirectToJourneyPage(ResetPasswordModel.PageName);
    }
}
