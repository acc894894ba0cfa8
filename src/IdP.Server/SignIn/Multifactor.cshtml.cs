using IdP.Server.PasswordReset;

namespace IdP.Server.SignIn;

/// <summary>
/// B2C's email second factor (MFA Always on, Email): after the right password the account's address is shown read-only,
/// "Send verification code" mails a code (the reset's code machinery and limits), and "Verify code" finishes the sign-in,
/// or leads to a forced password change first. Only a journey whose password was proven here for an account that has
/// not changed since reaches the page (<see cref="Multifactor"/>); any other goes back to the sign-in page.
/// </summary>
public sealed class MultifactorModel(
    JourneyPageServices services,
    Multifactor multifactor,
    SignInStep signedIn,
    IStringLocalizer<PasswordResetText> resetText,
    IStringLocalizer<SignInText> text) : JourneyPageModel(services)
{
    public const string PageName = "/SignIn/Multifactor";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The address codes go to; null when the account has none (the page then says so and offers no code).</summary>
    public string? Mailbox => _pending?.Mailbox;

    public bool CodeSent { get; private set; }

    public string? Info { get; private set; }

    // The account this journey proved the password of, read once per request by LoadAsync.
    private PendingMultifactor? _pending;

    public async Task<IActionResult> OnGetAsync()
    {
        await ShowStateAsync(announce: true);
        return Page();
    }

    /// <summary>A post naming no button: show the page again.</summary>
    public IActionResult OnPost() => RedirectToJourneyPage(PageName);

    /// <summary>"Send verification code" and "Send new code".</summary>
    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        if (await ClientMayAsync(AbuseLimit.ResetCodeSends) is { } refused)
        {
            return refused;
        }

        switch (await multifactor.SendAsync(_pending!, Flow, Tenant, HttpContext.RequestAborted))
        {
            case SendCodeResult.Sent:
                return RedirectToJourneyPage(PageName);
            case SendCodeResult.Throttled:
                ModelState.AddModelError(string.Empty, resetText["ver_fail_throttled"]);
                break;
        }

        return await ShowAgainAsync();
    }

    public async Task<IActionResult> OnPostVerifyCodeAsync()
    {
        if (await ClientMayAsync(AbuseLimit.ResetCodeGuesses) is { } refused)
        {
            return refused;
        }

        var result = await multifactor.VerifyAsync(_pending!, Flow, Input.Code, HttpContext.RequestAborted);
        if (result is VerifyCodeResult.Verified)
        {
            // Both factors are proven: a marked account on a forcing flow changes its password next (the journey remembers
            // the second factor); any other is signed in, with a session that has the second factor.
            return Redirect(await signedIn.PasswordProvenAsync(HttpContext, Journey, Flow, _pending!.Account, Journey.KeepMeSignedIn, multifactor: true));
        }

        CodePageAnswers.ShowRefusal(ModelState, result, PageElementIds.ReadOnlyEmailVerifyInput, resetText);
        return await ShowAgainAsync();
    }

    protected override async Task<IActionResult?> LoadAsync(string tenant, string policy, CancellationToken cancellationToken)
    {
        if (await base.LoadAsync(tenant, policy, cancellationToken) is { } stop)
        {
            return stop;
        }

        // Cancel included: a journey that owes no second factor is the sign-in page's.
        _pending = await multifactor.FindAsync(Journey, cancellationToken);
        return _pending is null ? RedirectToJourneyPage(SignInModel.PageName) : null;
    }

    /// <summary>The client's own limit across every address: null while under it, else the page again with 429.</summary>
    private async Task<IActionResult?> ClientMayAsync(AbuseLimit limit) =>
        await ThrottledAsync(limit, resetText["ver_fail_throttled"]) ? await ShowAgainAsync() : null;

    private async Task<IActionResult> ShowAgainAsync()
    {
        await ShowStateAsync(announce: false);
        return Page();
    }

    private async Task ShowStateAsync(bool announce)
    {
        if (_pending!.Mailbox is null)
        {
            ModelState.AddModelError(string.Empty, text["MultifactorNoEmail"]);
            return;
        }

        var status = await multifactor.GetStatusAsync(_pending, HttpContext.RequestAborted);
        CodeSent = status is EmailVerificationStatus.Pending or EmailVerificationStatus.Exhausted;
        Info = announce && status == EmailVerificationStatus.Pending ? resetText["ver_info_msg"].Value : null;
        Input.Code = null;
    }

    /// <summary>The code field under B2C's name.</summary>
    public sealed class InputModel
    {
        [ModelBinder(Name = PageElementIds.ReadOnlyEmailVerifyInput)]
        public string? Code { get; set; }
    }
}
