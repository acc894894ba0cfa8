using IdP.Core.Accounts;
using IdP.Core.Contract;
using IdP.Core.Journeys;
using IdP.Core.PasswordReset;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdP.Server.PasswordReset;

/// <summary>
/// Step 1, B2C's self-asserted email verification: send a code, verify it, then continue. Every button is a form post
/// (no JavaScript needed). Until the code is verified the page is the same for every address, known or not.
/// </summary>
public sealed class ResetPasswordModel(
    JourneyService journeys,
    TenantService tenants,
    UserFlowService flows,
    PasswordResetSettingsService settings,
    ResetCodeService codes,
    PasswordResetCompletion completion,
    IStringLocalizer<PasswordResetText> text,
    IStringLocalizer<ErrorText> errors) : ResetPageModel(journeys, tenants, flows, settings, text, errors)
{
    [BindProperty(Name = PageElementIds.Email)]
    public string? Email { get; set; }

    [BindProperty(Name = PageElementIds.Username)]
    public string? Username { get; set; }

    [BindProperty(Name = PageElementIds.EmailVerifyInput)]
    public string? Code { get; set; }

    [BindProperty(Name = OperationField)]
    public string? Operation { get; set; }

    public ResetStep Step { get; private set; }
    public string? Info { get; private set; }
    public string? Success { get; private set; }
    public string? PageError { get; private set; }
    public string? EmailError { get; private set; }
    public string? UsernameError { get; private set; }
    public string? CodeError { get; private set; }

    public bool IsUsernameFlow => Flow.SignInType == SignInNameKind.Username;

    public async Task<IActionResult> OnGetAsync(string tenant, string policy)
    {
        if (await LoadResetAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        await ShowStateAsync(announce: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string tenant, string policy)
    {
        if (await LoadResetAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        var ct = HttpContext.RequestAborted;
        switch (Operation)
        {
            case "send":
                return await AfterSendAsync(await codes.SendAsync(Reset, Email, Username, ct));
            case "resend":
                return await AfterSendAsync(await codes.ResendAsync(Reset, ct));
            case "verify":
                return await AfterVerifyAsync(await codes.VerifyAsync(Reset, Code, ct));
            case "edit":
                await codes.ChangeAddressAsync(Journey, ct);
                return Redirect(PasswordResetPages.VerifyEmail(Journey));
            case "continue":
                return await ContinueAsync();
            case "cancel":
                return await CancelAsync();
            default:
                return Redirect(PasswordResetPages.VerifyEmail(Journey));
        }
    }

    private async Task<IActionResult> AfterSendAsync(SendCodeResult result)
    {
        switch (result)
        {
            case SendCodeResult.Sent:
                // Post/redirect/get: the page then shows "Verification code has been sent…" from the stored state.
                return Redirect(PasswordResetPages.VerifyEmail(Journey));
            case SendCodeResult.Invalid(var email, var username):
                EmailError = email switch
                {
                    ResetInputProblem.Required => Text["Required"].Value,
                    ResetInputProblem.Malformed => Text["InvalidEmail"].Value,
                    _ => null,
                };
                UsernameError = username switch
                {
                    ResetInputProblem.Required => Text["Required"].Value,
                    ResetInputProblem.Malformed => Text["InvalidUsername"].Value,
                    _ => null,
                };
                break;
            case SendCodeResult.Throttled:
                PageError = Text["Throttled"];
                break;
            default:
                PageError = Text["CodeExpired"];
                break;
        }

        await ShowStateAsync(announce: false);
        return Page();
    }

    private async Task<IActionResult> AfterVerifyAsync(VerifyCodeResult result)
    {
        switch (result)
        {
            case VerifyCodeResult.Verified:
                return Redirect(PasswordResetPages.VerifyEmail(Journey));
            case VerifyCodeResult.Empty:
                CodeError = Text["Required"];
                break;
            case VerifyCodeResult.Wrong:
                PageError = Text["CodeWrong"];
                break;
            case VerifyCodeResult.Exhausted:
                PageError = Text["CodeNoRetry"];
                break;
            default:
                PageError = Text["CodeExpired"];
                break;
        }

        await ShowStateAsync(announce: false);
        return Page();
    }

    private async Task<IActionResult> ContinueAsync()
    {
        var verified = await completion.ContinueAsync(Reset, HttpContext.RequestAborted);
        PageError = verified?.Eligibility switch
        {
            null => Text["NotVerified"].Value,
            ResetEligibility.Eligible => null,
            ResetEligibility.NoAccount => Text["AccountNotFound"].Value,
            ResetEligibility.NotEnabled => Text["NotEnabledForAccount"].Value,
            _ => Text["AccountDisabled"].Value,
        };
        if (PageError is null)
        {
            return Redirect(PasswordResetPages.NewPassword(Journey));
        }

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
            Email ??= state.Address;
            Username ??= state.Username;
        }
        else
        {
            Email = state.Address;
            Username = state.Username;
        }

        Code = null;
        Info = announce && state.Status == EmailVerificationStatus.Pending ? Text["CodeSent"].Value : null;
        Success = Step == ResetStep.Verified ? Text["EmailVerified"].Value : null;
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
