namespace IdP.Server.Tests.Pages;

/// <summary>Reset step 1 ("Reset password using email address") as a user sees it: every button is a form post.</summary>
public sealed class ResetPasswordPage(Browser browser, Navigation page)
{
    private const string Form = "form#attributeVerification";

    public Navigation Page { get; } = page;

    /// <summary>Asserts the browser is on step 1.</summary>
    public static ResetPasswordPage On(Browser browser, Navigation page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.True(page.ById(PageElementIds.Email) is not null && page.ById(PageElementIds.NewPassword) is null,
            $"Expected reset step 1 at {page.Url}, got {(int)page.Status}: {page.Body[..Math.Min(800, page.Body.Length)]}");
        return new ResetPasswordPage(browser, page);
    }

    public string? Heading => Page.Document!.QuerySelector("#api h2")?.TextContent.Trim();
    public string? Error => Page.Text(PageElementIds.ErrorMessage);
    public string? Info => Page.Text(PageElementIds.EmailVerifyInfo);
    public string? Success => Page.Text(PageElementIds.EmailVerifySuccess);
    public IReadOnlyList<string> FieldErrors => [.. Page.Document!.QuerySelectorAll(".error.itemLevel").Select(e => e.TextContent.Trim())];
    public string? EmailValue => Page.ById(PageElementIds.Email)?.GetAttribute("value");
    public bool EmailIsReadOnly => Page.ById(PageElementIds.Email)?.HasAttribute("readonly") == true;
    public bool HasUsername => Page.ById(PageElementIds.Username) is not null;
    public bool CanSend => Page.ById(PageElementIds.EmailVerifySend) is not null;
    public bool CanEnterCode => Page.ById(PageElementIds.EmailVerifyInput) is not null && Page.ById(PageElementIds.EmailVerifyVerify) is not null;
    public bool CanResend => Page.ById(PageElementIds.EmailVerifyResend) is not null;
    public bool CanChangeEmail => Page.ById(PageElementIds.EmailVerifyEdit) is not null;
    public bool ContinueEnabled => Page.ById(PageElementIds.Continue) is { } button && !button.HasAttribute("disabled");

    /// <summary>The text of a button or label by id.</summary>
    public string? Text(string id) => Page.Text(id);

    public Task<Navigation> SendCodeAsync(string email, string? username = null)
    {
        var values = new Dictionary<string, string> { [PageElementIds.Email] = email };
        if (username is not null)
        {
            values[PageElementIds.Username] = username;
        }

        return browser.SubmitAsync(Page, Form, values, PageElementIds.EmailVerifySend);
    }

    public Task<Navigation> VerifyAsync(string code) =>
        browser.SubmitAsync(Page, Form, new Dictionary<string, string> { [PageElementIds.EmailVerifyInput] = code }, PageElementIds.EmailVerifyVerify);

    public Task<Navigation> SendNewCodeAsync() => browser.SubmitAsync(Page, Form, buttonId: PageElementIds.EmailVerifyResend);

    public Task<Navigation> ChangeEmailAsync() => browser.SubmitAsync(Page, Form, buttonId: PageElementIds.EmailVerifyEdit);

    public Task<Navigation> ContinueAsync() => browser.SubmitAsync(Page, Form, buttonId: PageElementIds.Continue);

    /// <summary>Continues from a verified address; asserts the browser is on step 2.</summary>
    public async Task<NewPasswordPage> ContinueToNewPasswordAsync() => NewPasswordPage.On(browser, await ContinueAsync());

    /// <summary>Continues from a verified address and sets <paramref name="password"/> on step 2; returns where the browser ends.</summary>
    public async Task<Navigation> SetNewPasswordAsync(string password) => await (await ContinueToNewPasswordAsync()).SetPasswordAsync(password);

    public Task<Navigation> CancelAsync() => browser.SubmitAsync(Page, Form, buttonId: PageElementIds.Cancel);
}
