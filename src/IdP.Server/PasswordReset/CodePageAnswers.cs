using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IdP.Server.PasswordReset;

/// <summary>
/// What both pages that take an emailed code (reset step 1, the sign-in's second factor) answer the same way: B2C's
/// messages for a refused code. (The client's own limit on sends and guesses is <c>JourneyPageModel.ThrottledAsync</c>.)
/// </summary>
internal static class CodePageAnswers
{
    /// <summary>B2C's message for a code that did not verify, next to <paramref name="inputField"/> when nothing was typed.</summary>
    public static void ShowRefusal(ModelStateDictionary modelState, VerifyCodeResult result, string inputField, IStringLocalizer<PasswordResetText> text)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        switch (result)
        {
            case VerifyCodeResult.Empty:
                modelState.AddModelError(inputField, text["Required"]);
                break;
            case VerifyCodeResult.Wrong:
                modelState.AddModelError(string.Empty, text["ver_fail_retry"]);
                break;
            case VerifyCodeResult.Exhausted:
                modelState.AddModelError(string.Empty, text["ver_fail_no_retry"]);
                break;
            default:
                modelState.AddModelError(string.Empty, text["ver_fail_code_expired"]);
                break;
        }
    }
}
