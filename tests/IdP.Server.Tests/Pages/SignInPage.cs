using IdP.Core.Contract;
using IdP.Server.Tests.Infrastructure;

namespace IdP.Server.Tests.Pages;

/// <summary>The sign-in page as a user sees it.</summary>
public sealed class SignInPage(Browser browser, Navigation page)
{
    public Navigation Page { get; } = page;

    /// <summary>Asserts the browser is on the sign-in page.</summary>
    public static SignInPage On(Browser browser, Navigation page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.True(page.ById(PageElementIds.SignInName) is not null, $"Expected the sign-in page at {page.Url}, got {(int)page.Status}: {page.Body[..Math.Min(600, page.Body.Length)]}");
        return new SignInPage(browser, page);
    }

    public string? Error => Page.Text(PageElementIds.ErrorMessage);

    public string? ForgotPasswordHref => Page.ById(PageElementIds.ForgotPassword)?.GetAttribute("href");

    public string? CancelHref => Page.ById(PageElementIds.Cancel)?.GetAttribute("href");

    public string SignInNameLabel => Page.Document!.QuerySelector($"label[for={PageElementIds.SignInName}]")!.TextContent.Trim();

    public Task<Navigation> SignInAsync(string signInName, string password) =>
        browser.SubmitAsync(Page, "form#localAccountForm", new Dictionary<string, string>
        {
            [PageElementIds.SignInName] = signInName,
            [PageElementIds.Password] = password,
        }, PageElementIds.Next);

    public Task<Navigation> CancelAsync() => browser.NavigateAsync(CancelHref ?? throw new InvalidOperationException("No cancel link."));
}
