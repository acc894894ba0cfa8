namespace IdP.Server.Tests.Pages;

/// <summary>Reset step 2: the new password, typed twice.</summary>
public sealed class NewPasswordPage(Browser browser, Navigation page) : ResetStepPage(browser, page)
{
    /// <summary>Asserts the browser is on step 2.</summary>
    public static NewPasswordPage On(Browser browser, Navigation page) =>
        new(browser, Expect(page, "reset step 2", p => p.ById(PageElementIds.NewPassword) is not null));

    public string HelpText => Page.Text(PageElementIds.NewPassword + "_help") ?? "";
    public IReadOnlyList<string> FieldErrors => [.. Page.Document!.QuerySelectorAll(".error.itemLevel p").Select(e => e.TextContent.Trim())];
    public string? Label(string inputId) => Page.Document!.QuerySelector($"label[for={inputId}]")?.TextContent.Trim();

    public Task<Navigation> SetPasswordAsync(string password, string? confirmation = null) =>
        SubmitAsync(PageElementIds.Continue, new Dictionary<string, string>
        {
            [PageElementIds.NewPassword] = password,
            [PageElementIds.ReenterPassword] = confirmation ?? password,
        });
}
