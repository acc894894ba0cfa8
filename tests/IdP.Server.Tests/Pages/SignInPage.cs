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

    /// <summary>Opens an app's authorize request in <paramref name="browser"/>; asserts it shows the sign-in page.</summary>
    public static async Task<SignInPage> OpenAsync(Browser browser, AuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(request);
        return On(browser, await browser.NavigateAsync(request.Url));
    }

    public string? Error => Page.Text(PageElementIds.ErrorMessage);

    /// <summary>
    /// Where "Can't access your account?" goes: the link's target, or (on a hand-off flow, where it is a button because
    /// following it ends the journey) the action of the form it posts.
    /// </summary>
    public string? ForgotPasswordHref => Page.ById(PageElementIds.ForgotPassword) switch
    {
        null => null,
        var button when button.LocalName == "button" => Browser.FormOwner(button)?.GetAttribute("action"),
        var link => link.GetAttribute("href"),
    };

    public string SignInNameLabel => Page.Document!.QuerySelector($"label[for={PageElementIds.SignInName}]")!.TextContent.Trim();

    /// <summary>B2C's "Keep me signed in" checkbox, or null when the flow does not offer it.</summary>
    public AngleSharp.Dom.IElement? KeepMeSignedInBox => Page.ById(PageElementIds.RememberMe);

    /// <summary>Signs in; with <paramref name="keepMeSignedIn"/> the box is posted ticked, as a browser posts it ("on").</summary>
    public Task<Navigation> SignInAsync(string signInName, string password, bool keepMeSignedIn = false) =>
        browser.SendAndFollowAsync(SignInSubmission(signInName, password, keepMeSignedIn));

    /// <summary>The request <see cref="SignInAsync"/> sends, for tests that send it themselves (e.g. to read its answer's headers).</summary>
    public HttpRequestMessage SignInSubmission(string signInName, string password, bool keepMeSignedIn = false)
    {
        var values = new Dictionary<string, string>
        {
            [PageElementIds.SignInName] = signInName,
            [PageElementIds.Password] = password,
        };
        if (keepMeSignedIn)
        {
            values[PageElementIds.RememberMe] = "on";
        }

        return browser.FormSubmission(Page, "form#localAccountForm", values, PageElementIds.Next);
    }

    /// <summary>Follows "Can't access your account?" as a user would: the link, or the hand-off button.</summary>
    public Task<Navigation> ForgotPasswordAsync() => Page.ById(PageElementIds.ForgotPassword)?.LocalName == "button"
        ? browser.ClickAsync(Page, PageElementIds.ForgotPassword)
        : browser.NavigateAsync(ForgotPasswordHref ?? throw new InvalidOperationException("No forgot-password link."));

    public Task<Navigation> CancelAsync() => browser.ClickAsync(Page, PageElementIds.Cancel);
}
