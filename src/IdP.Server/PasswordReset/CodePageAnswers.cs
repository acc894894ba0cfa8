using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IdP.Server.PasswordReset;

/// <summary>
/// What both pages that take an emailed code (reset step 1, the sign-in's second factor) answer the same way: the
/// client's own limit on sends and guesses, and B2C's messages for a refused code.
/// </summary>
internal static class CodePageAnswers
{
    /// <summary>
    /// The client's own limit across every address (the per-address limits are the code service's): null while under
    /// it, else the page again (<paramref name="showAgain"/>) with the throttling message and 429.
    /// </summary>
    public static async Task<IActionResult?> ClientMayAsync(HttpContext http, AbuseLimit limit, ModelStateDictionary modelState, IStringLocalizer<PasswordResetText> text, Func<Task<IActionResult>> showAgain)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(showAgain);
        if (await http.HitLimitAsync(limit) is not LimitDecision.Throttled throttled)
        {
            return null;
        }

        modelState.AddModelError(string.Empty, text["ver_fail_throttled"]);
        var page = await showAgain();
        http.Response.MarkThrottled(throttled);
        return page;
    }

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
