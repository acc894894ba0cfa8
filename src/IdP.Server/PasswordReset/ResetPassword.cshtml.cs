namespace IdP.Server.PasswordReset;

/// <summary>
/// Step 1, B2C's self-asserted email verification: send a code, verify it, then continue. Every button posts the form
/// to its own handler (no JavaScript needed). Until the code is verified the page is the same for every address, known
/// or not.
/// </summary>
public sealed class ResetPasswordModel(
    JourneyPageServices services,
    PasswordResetSettingsService settings,
    ResetCodeService codes,
    PasswordResetCompletion completion,
    IStringLocalizer<PasswordResetText> text) : ResetPageModel(services, settings, text)
{
    public const string PageName = "/PasswordReset/ResetPassword";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ResetStep Step { get; private set; }
    public string? Info { get; private set; }
    public string? Success { get; private set; }

    public bool IsUsernameFlow => Flow.SignInType == SignInNameKind.Username;

    public async Task<IActionResult> OnGetAsync()
    {
        await ShowStateAsync(announce: true);
        return Page();
    }

    /// <summary>A post naming no button (a form from before the buttons had handlers): show the page again.</summary>
    public IActionResult OnPost() => RedirectToJourneyPage(PageName);

    public async Task<IActionResult> OnPostSendCodeAsync() =>
        await ClientMayAsync(AbuseLimit.ResetCodeSends) ?? await AfterSendAsync(await codes.SendAsync(Reset, Input.Email, Input.Username, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostSendNewCodeAsync() =>
        await ClientMayAsync(AbuseLimit.ResetCodeSends) ?? await AfterSendAsync(await codes.ResendAsync(Reset, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostVerifyCodeAsync()
    {
        if (await ClientMayAsync(AbuseLimit.ResetCodeGuesses) is { } refused)
        {
            return refused;
        }

        var result = await codes.VerifyAsync(Reset, Input.Code, HttpContext.RequestAborted);
        if (result is VerifyCodeResult.Verified)
        {
            return RedirectToJourneyPage(PageName);
        }

        CodePageAnswers.ShowRefusal(ModelState, result, PageElementIds.EmailVerifyInput, Text);
        return await ShowAgainAsync();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        await codes.ChangeAddressAsync(Journey, HttpContext.RequestAborted);
        return RedirectToJourneyPage(PageName);
    }

    public async Task<IActionResult> OnPostContinueAsync()
    {
        var verified = await completion.ContinueAsync(Reset, HttpContext.RequestAborted);
        var refusal = verified?.Eligibility switch
        {
            null => Text["NotVerified"].Value,
            ResetEligibility.Eligible => null,
            ResetEligibility.NoAccount => Text["AccountNotFound"].Value,
            ResetEligibility.NotEnabled => Text["NotEnabledForAccount"].Value,
            _ => Text["AccountDisabled"].Value,
        };
        if (refusal is null)
        {
            return RedirectToJourneyPage(NewPasswordModel.PageName);
        }

        ModelState.AddModelError(string.Empty, refusal);
        return await ShowAgainAsync();
    }

    private async Task<IActionResult> AfterSendAsync(SendCodeResult result)
    {
        switch (result)
        {
            case SendCodeResult.Sent:
                // Post/redirect/get: the page then shows "Verification code has been sent…" from the stored state.
                return RedirectToJourneyPage(PageName);
            case SendCodeResult.Invalid(var email, var username):
                AddInputError(PageElementIds.Email, email, "InvalidEmail");
                AddInputError(PageElementIds.Username, username, "InvalidUsername");
                break;
            case SendCodeResult.Throttled:
                ModelState.AddModelError(string.Empty, Text["ver_fail_throttled"]);
                break;
            default:
                ModelState.AddModelError(string.Empty, Text["ver_fail_code_expired"]);
                break;
        }

        return await ShowAgainAsync();
    }

    /// <summary>
    /// The client's own limit across every address (the per-address limits are the reset service's): null while under
    /// it, else the page again with the throttling message and 429.
    /// </summary>
    private async Task<IActionResult?> ClientMayAsync(AbuseLimit limit) =>
        await ThrottledAsync(limit, Text["ver_fail_throttled"]) ? await ShowAgainAsync() : null;

    private void AddInputError(string field, ResetInputProblem? problem, string malformedText)
    {
        if (problem is { } known)
        {
            ModelState.AddModelError(field, Text[known == ResetInputProblem.Required ? "Required" : malformedText]);
        }
    }

    /// <summary>The page again after a post, with the errors the handler put in ModelState.</summary>
    private async Task<IActionResult> ShowAgainAsync()
    {
        await ShowStateAsync(announce: false);
        return Page();
    }

    /// <summary>Draws the step the stored verification is at; typed values stay only while the address can be edited.</summary>
    private async Task ShowStateAsync(bool announce)
    {
        var state = await codes.GetStateAsync(Journey, HttpContext.RequestAborted);
        Step = state.Status switch
        {
            EmailVerificationStatus.Pending or EmailVerificationStatus.Exhausted => ResetStep.EnterCode,
            EmailVerificationStatus.Verified => ResetStep.Verified,
            _ => ResetStep.EnterAddress,
        };

        if (Step == ResetStep.EnterAddress)
        {
            Input.Email = ShownBack(Input.Email ?? state.Address);
            Input.Username = ShownBack(Input.Username ?? state.Username);
        }
        else
        {
            Input.Email = state.Address;
            Input.Username = state.Username;
        }

        Input.Code = null;
        Info = announce && state.Status == EmailVerificationStatus.Pending ? Text["ver_info_msg"].Value : null;
        Success = Step == ResetStep.Verified ? Text["ver_success_msg"].Value : null;
    }

    /// <summary>
    /// Step 1's fields under B2C's names. Which of them a button needs, and what a well-formed address or username is,
    /// are <see cref="ResetCodeService"/>'s rules (the same answers for known and unknown addresses); the page reports its
    /// answers through ModelState, next to the field.
    /// </summary>
    public sealed class InputModel
    {
        [ModelBinder(Name = PageElementIds.Email)]
        public string? Email { get; set; }

        [ModelBinder(Name = PageElementIds.Username)]
        public string? Username { get; set; }

        [ModelBinder(Name = PageElementIds.EmailVerifyInput)]
        public string? Code { get; set; }
    }
}

/// <summary>Where step 1 stands.</summary>
public enum ResetStep
{
    /// <summary>Type the address (and username) and ask for a code.</summary>
    EnterAddress,

    /// <summary>A code was sent: type it, or ask for a new one.</summary>
    EnterCode,

    /// <summary>The address is verified: continue, or change it.</summary>
    Verified,
}
