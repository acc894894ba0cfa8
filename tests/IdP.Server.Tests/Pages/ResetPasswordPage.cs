namespace IdP.Server.Tests.Pages;

/// <summary>Reset step 1 ("Reset password using email address") as a user sees it: every button is a form post.</summary>
public sealed class ResetPasswordPage(Browser browser, Navigation page) : ResetStepPage(browser, page)
{
    /// <summary>Asserts the browser is on step 1.</summary>
    public static ResetPasswordPage On(Browser browser, Navigation page) =>
        new(browser, Expect(page, "reset step 1", p => p.ById(PageElementIds.Email) is not null && p.ById(PageElementIds.NewPassword) is null));

    public string? Heading => Page.Document!.QuerySelector("#api h2")?.TextContent.Trim();
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

        return SubmitAsync(PageElementIds.EmailVerifySend, values);
    }

    public Task<Navigation> VerifyAsync(string code) =>
        SubmitAsync(PageElementIds.EmailVerifyVerify, new Dictionary<string, string> { [PageElementIds.EmailVerifyInput] = code });

    public Task<Navigation> SendNewCodeAsync() => SubmitAsync(PageElementIds.EmailVerifyResend);

    public Task<Navigation> ChangeEmailAsync() => SubmitAsync(PageElementIds.EmailVerifyEdit);

    public Task<Navigation> ContinueAsync() => SubmitAsync(PageElementIds.Continue);

    /// <summary>Continues from a verified address; asserts the browser is on step 2.</summary>
    public async Task<NewPasswordPage> ContinueToNewPasswordAsync() => NewPasswordPage.On(Browser, await ContinueAsync());

    /// <summary>Continues from a verified address and sets <paramref name="password"/> on step 2; returns where the browser ends.</summary>
    public async Task<Navigation> SetNewPasswordAsync(string password) => await (await ContinueToNewPasswordAsync()).SetPasswordAsync(password);
}
