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
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<string> Help { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var verified = await completion.FindVerifiedAsync(Journey, HttpContext.RequestAborted);
        if (verified is not { Eligibility: ResetEligibility.Eligible })
        {
            return RedirectToJourneyPage(ResetPasswordModel.PageName);
        }

        Help = PasswordHelpText.For(Flow.PasswordComplexity, Text);
        return Page();
    }

    /// <summary>"Continue", the form's own action (Enter in either field).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Help = PasswordHelpText.For(Flow.PasswordComplexity, Text);
        switch (await completion.ChangePasswordAsync(Reset, Input.NewPassword, Input.ReenterPassword, HttpContext.RequestAborted))
        {
            case ChangePasswordResult.Changed(var account, var changedAt):
                return Redirect(await signedIn.FinishAsync(HttpContext, Journey, account, changedAt, AuthenticationMethod.PasswordReset));
            case ChangePasswordResult.Required:
                // The same rule as the InputModel's [Required]: ModelState already marks the empty fields. The service
                // says so only after the mailbox check, so a post without a verified mailbox still goes back to step 1.
                break;
            case ChangePasswordResult.Mismatch:
                ModelState.AddModelError(string.Empty, Text["error_passwordEntryMismatch"]);
                break;
            case ChangePasswordResult.Rejected(var problems):
                foreach (var problem in problems)
                {
                    ModelState.AddModelError(PageElementIds.NewPassword, PasswordHelpText.Problem(problem, Flow.PasswordComplexity, Text));
                }

                break;
            default:
                // No verified mailbox any more (used in another tab, or the account may no longer reset): step 1 explains.
                return RedirectToJourneyPage(ResetPasswordModel.PageName);
        }

        return Page();
    }

    /// <summary>The new password, typed twice, under B2C's field names.</summary>
    [ErrorMessagesFrom(typeof(PasswordResetText))]
    public sealed class InputModel
    {
        [Required(AllowEmptyStrings = true, ErrorMessage = "Required")]
        [ModelBinder(Name = PageElementIds.NewPassword)]
        public string? NewPassword { get; set; }

        [Required(AllowEmptyStrings = true, ErrorMessage = "Required")]
        [ModelBinder(Name = PageElementIds.ReenterPassword)]
        public string? ReenterPassword { get; set; }
    }
}
