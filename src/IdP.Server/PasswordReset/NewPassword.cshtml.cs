using IdP.Core.Contract;
using IdP.Core.Journeys;
using IdP.Core.PasswordReset;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using IdP.Server.Journeys;
using IdP.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdP.Server.PasswordReset;

/// <summary>
/// Step 2: the new password, checked on the server against the flow's rule (shown as help text). On success the user
/// is signed in with the new security stamp and the app's authorize request completes with <c>auth_time</c> = now.
/// </summary>
public sealed class NewPasswordModel(
    JourneyService journeys,
    TenantService tenants,
    UserFlowService flows,
    PasswordResetSettingsService settings,
    PasswordResetCompletion completion,
    SsoSession sso,
    IStringLocalizer<PasswordResetText> text,
    IStringLocalizer<ErrorText> errors) : ResetPageModel(journeys, tenants, flows, settings, text, errors)
{
    [BindProperty(Name = PageElementIds.NewPassword)]
    public string? NewPassword { get; set; }

    [BindProperty(Name = PageElementIds.ReenterPassword)]
    public string? ReenterPassword { get; set; }

    [BindProperty(Name = OperationField)]
    public string? Operation { get; set; }

    public IReadOnlyList<string> Help { get; private set; } = [];
    public string? PageError { get; private set; }
    public IReadOnlyList<string> NewPasswordErrors { get; private set; } = [];
    public string? ReenterError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string tenant, string policy)
    {
        if (await LoadResetAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        var verified = await completion.FindVerifiedAsync(Journey, HttpContext.RequestAborted);
        if (verified is not { Eligibility: ResetEligibility.Eligible })
        {
            return Redirect(PasswordResetPages.VerifyEmail(Journey));
        }

        Help = PasswordHelpText.For(Flow.PasswordComplexity, Text);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string tenant, string policy)
    {
        if (await LoadResetAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        if (Operation == "cancel")
        {
            return await CancelAsync();
        }

        var ct = HttpContext.RequestAborted;
        Help = PasswordHelpText.For(Flow.PasswordComplexity, Text);
        switch (await completion.ChangePasswordAsync(Reset, NewPassword, ReenterPassword, ct))
        {
            case ChangePasswordResult.Changed(var account, var changedAt):
                await sso.SignInAsync(HttpContext, account, changedAt);
                await Journeys.MarkAuthenticatedAsync(Journey, account.Id, account.SecurityStamp, changedAt, ct);
                return Redirect(JourneyPages.ResumeAuthorize(Journey));
            case ChangePasswordResult.Required(var newMissing, var confirmationMissing):
                NewPasswordErrors = newMissing ? [Text["Required"]] : [];
                ReenterError = confirmationMissing ? Text["Required"].Value : null;
                break;
            case ChangePasswordResult.Mismatch:
                PageError = Text["PasswordMismatch"];
                break;
            case ChangePasswordResult.Rejected(var problems):
                NewPasswordErrors = [.. problems.Select(p => PasswordHelpText.Problem(p, Flow.PasswordComplexity, Text))];
                break;
            default:
                // No verified mailbox any more (used in another tab, or the account may no longer reset): step 1 explains.
                return Redirect(PasswordResetPages.VerifyEmail(Journey));
        }

        NewPassword = null;
        ReenterPassword = null;
        return Page();
    }
}
