using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IdP.Server.PasswordReset;

/// <summary>
/// The new-password form (_NewPasswordForm.cshtml) as reset step 2 and the forced change at sign-in both show it: the
/// flow's rule as help text, and the same messages for a refused password.
/// </summary>
/// <param name="Help">The flow's password rule in words, shown under the new-password field.</param>
/// <param name="JourneyId">The journey the Cancel button ends.</param>
public sealed record NewPasswordForm(IReadOnlyList<string> Help, string JourneyId)
{
    /// <summary>The form for <paramref name="flow"/>'s complexity in <paramref name="journey"/>.</summary>
    public static NewPasswordForm For(UserFlow flow, AuthorizationJourney journey, IStringLocalizer<PasswordResetText> text)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(journey);
        return new(PasswordHelpText.For(flow.PasswordComplexity, text), journey.Id);
    }

    /// <summary>
    /// Puts the errors of a refused new password on the form; false when <paramref name="result"/> is not about the
    /// password typed (the page decides where to go).
    /// </summary>
    public static bool ShowRefusal(ModelStateDictionary modelState, ChangePasswordResult result, PasswordComplexity complexity, IStringLocalizer<PasswordResetText> text)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        switch (result)
        {
            case ChangePasswordResult.Required:
                // The same rule as the input's [Required]: ModelState already marks the empty fields.
                return true;
            case ChangePasswordResult.Mismatch:
                modelState.AddModelError(string.Empty, text["error_passwordEntryMismatch"]);
                return true;
            case ChangePasswordResult.Rejected(var problems):
                foreach (var problem in problems)
                {
                    modelState.AddModelError(PageElementIds.NewPassword, PasswordHelpText.Problem(problem, complexity, text));
                }

                return true;
            default:
                return false;
        }
    }
}
