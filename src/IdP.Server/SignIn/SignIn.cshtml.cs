using IdP.Core.Accounts;
using IdP.Core.Audit;
using IdP.Core.Contract;
using IdP.Core.Journeys;
using IdP.Core.SignIn;
using IdP.Core.Tenancy;
using IdP.Core.Time;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using IdP.Server.Journeys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using SignInResult = IdP.Core.SignIn.SignInResult;

namespace IdP.Server.SignIn;

/// <summary>
/// B2C's local-account sign-in page. One message for an unknown account and a wrong password; lockout and timing
/// are the same for both (see <see cref="LocalAccountSignIn"/>).
/// </summary>
public sealed class SignInModel(
    JourneyService journeys,
    TenantService tenants,
    UserFlowService flows,
    LocalAccountSignIn signIn,
    SsoSession sso,
    AuditLog audit,
    IForgotPasswordLink forgotPassword,
    TimeProvider time,
    IStringLocalizer<SignInText> text,
    IStringLocalizer<ErrorText> errors) : JourneyPageModel(journeys, tenants, flows, errors)
{
    [BindProperty(Name = PageElementIds.SignInName)]
    public string? SignInName { get; set; }

    [BindProperty(Name = PageElementIds.Password)]
    public string? Password { get; set; }

    public string? PageError { get; private set; }
    public string? SignInNameError { get; private set; }
    public string? PasswordError { get; private set; }
    public string? ForgotPasswordUrl { get; private set; }

    public bool IsEmail => Flow.SignInType == SignInNameKind.Email;

    public async Task<IActionResult> OnGetAsync(string tenant, string policy)
    {
        if (await LoadJourneyAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        if (Flow.Type != UserFlowType.SignIn)
        {
            return Redirect(JourneyPages.FirstPage(Journey, Flow.Type));
        }

        ForgotPasswordUrl = await forgotPassword.UrlAsync(Journey, HttpContext.RequestAborted);
        // The app's login_hint is in its authorize request, which the journey keeps; this page's own URL carries only tx.
        SignInName = LoginHint(Journey.AuthorizeUrl);
        return Page();
    }

    private static string? LoginHint(string authorizeUrl)
    {
        var query = authorizeUrl.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 && QueryHelpers.ParseQuery(authorizeUrl[query..]).TryGetValue("login_hint", out var hint) ? hint.FirstOrDefault() : null;
    }

    public async Task<IActionResult> OnPostAsync(string tenant, string policy)
    {
        if (await LoadJourneyAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        var ct = HttpContext.RequestAborted;
        ForgotPasswordUrl = await forgotPassword.UrlAsync(Journey, ct);
        var kind = Flow.SignInType;
        if (string.IsNullOrWhiteSpace(SignInName))
        {
            SignInNameError = text[kind == SignInNameKind.Email ? "RequiredEmail" : "RequiredUsername"];
        }

        if (string.IsNullOrEmpty(Password))
        {
            PasswordError = text["RequiredPassword"];
        }

        if (SignInNameError is not null || PasswordError is not null)
        {
            return Page();
        }

        var result = await signIn.SignInAsync(kind, SignInName!, Password!, ct);
        switch (result)
        {
            case SignInResult.Succeeded(var account):
                var now = time.UtcNow();
                await sso.SignInAsync(HttpContext, account, now);
                await Journeys.MarkAuthenticatedAsync(Journey, account.Id, account.SecurityStamp, now, ct);
                await audit.RecordAsync(AuditEventTypes.SignInSucceeded, account.Id, Flow.Name, Journey.ClientId, cancellationToken: ct);
                return Redirect(JourneyPages.ResumeAuthorize(Journey));
            case SignInResult.LockedOut:
                PageError = text["LockedOut"];
                await audit.RecordAsync(AuditEventTypes.SignInLockedOut, null, Flow.Name, Journey.ClientId, cancellationToken: ct);
                break;
            case SignInResult.Disabled:
                PageError = text["Disabled"];
                await audit.RecordAsync(AuditEventTypes.SignInDisabled, null, Flow.Name, Journey.ClientId, cancellationToken: ct);
                break;
            default:
                PageError = text["InvalidCredentials"];
                await audit.RecordAsync(AuditEventTypes.SignInFailed, null, Flow.Name, Journey.ClientId, cancellationToken: ct);
                break;
        }

        Password = null;
        return Page();
    }
}
