namespace IdP.Server.PasswordReset;

/// <summary>The answers of every reset URL (the pages and the hand-off) when reset is not on offer.</summary>
internal static class ResetSwitch
{
    /// <summary>The 403 page while the tenant switch is None; null while reset is on.</summary>
    public static async Task<IActionResult?> RefuseWhenOffAsync(HttpContext http, PasswordResetSettingsService settings, IStringLocalizer<PasswordResetText> text) =>
        (await settings.GetAsync(http.RequestAborted)).Enabled
            ? null
            : ErrorPage.View(ErrorPage.Model(http, text["UnavailableTitle"], text["UnavailableMessage"]), StatusCodes.Status403Forbidden);

    /// <summary>The 400 page for a reset URL the flow does not offer (embedded pages on a hand-off flow, or the reverse).</summary>
    public static IActionResult UnavailableInFlow(HttpContext http, IStringLocalizer<PasswordResetText> text) =>
        ErrorPage.View(ErrorPage.Model(http, text["UnavailableTitle"], text["UnavailableInFlowMessage"]), StatusCodes.Status400BadRequest);
}
