using Microsoft.AspNetCore.Mvc.ModelBinding;
using SignInResult = IdP.Core.SignIn.SignInResult;

namespace IdP.Server.SignIn;

/// <summary>
/// B2C's local-account sign-in page. One message for an unknown account and a wrong password; lockout and timing
/// are the same for both (see <see cref="LocalAccountSignIn"/>).
/// </summary>
public sealed class SignInModel(
    JourneyPageServices services,
    LocalAccountSignIn signIn,
    Multifactor multifactor,
    SignInStep signedIn,
    AuditLog audit,
    IForgotPasswordLink forgotPassword,
    IStringLocalizer<SignInText> text) : JourneyPageModel(services)
{
    public const string PageName = "/SignIn/SignIn";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ForgotPasswordTarget? ForgotPassword { get; private set; }

    public bool IsEmail => Flow.SignInType == SignInNameKind.Email;

    /// <summary>Whether the page shows B2C's "Keep me signed in" box (the flow's KMSI property).</summary>
    public bool OffersKeepMeSignedIn => KeepMeSignedIn.IsOffered(Flow);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Flow.Type != UserFlowType.SignIn)
        {
            return Redirect(Links.FirstPage(HttpContext, Journey, Flow.Type));
        }

        ForgotPassword = await forgotPassword.FindAsync(HttpContext, Journey, HttpContext.RequestAborted);
        // The app's login_hint is in its authorize request, which the journey keeps; this page's own URL carries only tx.
        Input.SignInName = ShownBack(LoginHint(Journey.AuthorizeUrl));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        ForgotPassword = await forgotPassword.FindAsync(HttpContext, Journey, ct);

        // Checked as typed (an over-long name is an unknown account's answer, LocalAccountSignIn), shown back cut.
        var typedName = Input.SignInName;
        Input.SignInName = ShownBack(typedName);
        if (!ModelState.IsValid)
        {
            NameTheSignInNameAsTheFlowDoes();
            return Page();
        }

        // Per client, in front of the per-name lockout: one client cannot lock out many names, and a refused post
        // counts against no name.
        if (await ThrottledAsync(AbuseLimit.SignInAttempts, text["Throttled"]))
        {
            return Page();
        }

        switch (await signIn.SignInAsync(Flow.SignInType, typedName!, Input.Password!, ct))
        {
            case SignInResult.Succeeded(var account) when Multifactor.Required(Flow):
                // The right password, but no sign-in yet: the emailed code first (then a forced change, if marked), so
                // the password alone changes nothing.
                await multifactor.RequireAsync(Journey, account, Input.KeepMeSignedIn, ct);
                return RedirectToJourneyPage(MultifactorModel.PageName);
            case SignInResult.Succeeded(var account):
                // Signed in, or first the new password of an account marked for a forced change.
                return Redirect(await signedIn.PasswordProvenAsync(HttpContext, Journey, Flow, account, Input.KeepMeSignedIn, multifactor: false));
            case SignInResult.LockedOut:
                ModelState.AddModelError(string.Empty, text["LockedOut"]);
                await audit.RecordAsync(AuditEventTypes.SignInLockedOut, null, Flow.Name, Journey.ClientId, cancellationToken: ct);
                break;
            case SignInResult.Disabled:
                ModelState.AddModelError(string.Empty, text["Disabled"]);
                await audit.RecordAsync(AuditEventTypes.SignInDisabled, null, Flow.Name, Journey.ClientId, cancellationToken: ct);
                break;
            default:
                ModelState.AddModelError(string.Empty, text["InvalidCredentials"]);
                await audit.RecordAsync(AuditEventTypes.SignInFailed, null, Flow.Name, Journey.ClientId, cancellationToken: ct);
                break;
        }

        return Page();
    }

    /// <summary>
    /// [Required] cannot know the flow, and B2C names the missing field as the flow labels it ("Email Address" or
    /// "Username"): the annotation's message is the email one, replaced on username flows.
    /// </summary>
    private void NameTheSignInNameAsTheFlowDoes()
    {
        if (!IsEmail && ModelState.GetFieldValidationState(PageElementIds.SignInName) == ModelValidationState.Invalid)
        {
            ModelState.ClearValidationState(PageElementIds.SignInName);
            ModelState.AddModelError(PageElementIds.SignInName, text["RequiredUsername"]);
        }
    }

    private static string? LoginHint(string authorizeUrl)
    {
        var query = authorizeUrl.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 && QueryHelpers.ParseQuery(authorizeUrl[query..]).TryGetValue("login_hint", out var hint) ? hint.FirstOrDefault() : null;
    }

    /// <summary>The sign-in form, posted under B2C's field names.</summary>
    [ErrorMessagesFrom(typeof(SignInText))]
    public sealed class InputModel
    {
        // Whitespace alone is no name, as before; a password is taken as typed.
        [Required(ErrorMessage = "requiredField_email")]
        [ModelBinder(Name = PageElementIds.SignInName)]
        public string? SignInName { get; set; }

        [Required(AllowEmptyStrings = true, ErrorMessage = "requiredField_password")]
        [ModelBinder(Name = PageElementIds.Password)]
        public string? Password { get; set; }

        /// <summary>
        /// B2C's checkbox carries no value attribute, so a ticked box posts "on" (which a bool does not bind) and an
        /// unticked one posts nothing: any value means ticked.
        /// </summary>
        [ModelBinder(Name = PageElementIds.RememberMe)]
        public string? RememberMe { get; set; }

        public bool KeepMeSignedIn => RememberMe is not null;
    }
}
