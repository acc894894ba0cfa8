namespace IdP.Server.Tests.Pages;

/// <summary>
/// What both reset steps are as B2C renders them: one self-asserted form (<c>form#attributeVerification</c>) that every
/// button posts, the page-level error above it and Cancel below.
/// </summary>
public abstract class ResetStepPage(Browser browser, Navigation page)
{
    public Navigation Page { get; } = page;

    public string? Error => Page.Text(PageElementIds.ErrorMessage);

    protected Browser Browser { get; } = browser;

    public Task<Navigation> CancelAsync() => SubmitAsync(PageElementIds.Cancel);

    /// <summary>Posts the step's form as the button <paramref name="buttonId"/> does, with <paramref name="values"/> typed in.</summary>
    protected Task<Navigation> SubmitAsync(string buttonId, IReadOnlyDictionary<string, string>? values = null) =>
        Browser.SubmitAsync(Page, "form#attributeVerification", values, buttonId);

    /// <summary>Asserts <paramref name="page"/> shows <paramref name="step"/>, or says what it shows instead.</summary>
    protected static Navigation Expect(Navigation page, string step, Func<Navigation, bool> shows)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(shows);
        Assert.True(shows(page), $"Expected {step} at {page.Url}, got {(int)page.Status}: {page.Body[..Math.Min(800, page.Body.Length)]}");
        return page;
    }
}
