namespace IdP.Server.Tests.Pages;

/// <summary>B2C's email second factor as a user sees it: the account's address read-only, then code entry.</summary>
public sealed class MultifactorPage(Browser browser, Navigation page) : ResetStepPage(browser, page)
{
    /// <summary>Asserts the browser is on the second-factor page.</summary>
    public static MultifactorPage On(Browser browser, Navigation page) =>
        new(browser, Expect(page, "the MFA page", p => p.Url.AbsolutePath.EndsWith("/signin/mfa", StringComparison.Ordinal)));

    public string? Heading => Page.Document!.QuerySelector("#api h2")?.TextContent.Trim();
    public string? Info => Page.Text(PageElementIds.ReadOnlyEmailVerifyInfo);
    public IReadOnlyList<string> FieldErrors => [.. Page.Document!.QuerySelectorAll(".error.itemLevel").Select(e => e.TextContent.Trim())];
    public string? EmailValue => Page.ById(PageElementIds.ReadOnlyEmail)?.GetAttribute("value");
    public bool EmailIsReadOnly => Page.ById(PageElementIds.ReadOnlyEmail)?.HasAttribute("readonly") == true;
    public bool CanSend => Page.ById(PageElementIds.ReadOnlyEmailVerifySend) is not null;
    public bool CanEnterCode => Page.ById(PageElementIds.ReadOnlyEmailVerifyInput) is not null && Page.ById(PageElementIds.ReadOnlyEmailVerifyVerify) is not null;

    /// <summary>The text of a button or label by id.</summary>
    public string? Text(string id) => Page.Text(id);

    public Task<Navigation> SendCodeAsync() => SubmitAsync(PageElementIds.ReadOnlyEmailVerifySend);

    public Task<Navigation> SendNewCodeAsync() => SubmitAsync(PageElementIds.ReadOnlyEmailVerifyResend);

    public Task<Navigation> VerifyAsync(string code) =>
        SubmitAsync(PageElementIds.ReadOnlyEmailVerifyVerify, new Dictionary<string, string> { [PageElementIds.ReadOnlyEmailVerifyInput] = code });
}
