namespace IdP.Server.Tests.Pages;

/// <summary>Reset step 2: the new password, typed twice.</summary>
public sealed class NewPasswordPage(Browser browser, Navigation page)
{
    private const string Form = "form#attributeVerification";

    public Navigation Page { get; } = page;

    /// <summary>Asserts the browser is on step 2.</summary>
    public static NewPasswordPage On(Browser browser, Navigation page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.True(page.ById(PageElementIds.NewPassword) is not null,
            $"Expected reset step 2 at {page.Url}, got {(int)page.Status}: {page.Body[..Math.Min(800, page.Body.Length)]}");
        return new NewPasswordPage(browser, page);
    }

    public string? Error => Page.Text(PageElementIds.ErrorMessage);
    public string HelpText => Page.Text(PageElementIds.NewPassword + "_help") ?? "";
    public IReadOnlyList<string> FieldErrors => [.. Page.Document!.QuerySelectorAll(".error.itemLevel p").Select(e => e.TextContent.Trim())];
    public string? Label(string inputId) => Page.Document!.QuerySelector($"label[for={inputId}]")?.TextContent.Trim();

    public Task<Navigation> SetPasswordAsync(string password, string? confirmation = null) =>
        browser.SubmitAsync(Page, Form, new Dictionary<string, string>
        {
            [PageElementIds.NewPassword] = password,
            [PageElementIds.ReenterPassword] = confirmation ?? password,
        }, PageElementIds.Continue);

    public Task<Navigation> CancelAsync() => browser.SubmitAsync(Page, Form, buttonId: PageElementIds.Cancel);
}
