namespace IdP.Server.Tests.Pages;

/// <summary>The built-in token viewer as a developer reads it.</summary>
public sealed class RunNowViewerPage(Navigation page)
{
    public Navigation Page { get; } = page;

    public HttpStatusCode Status => Page.Status;

    /// <summary>What the viewer is showing: tokens, flow-error, unknown-run, already-shown, expired, waiting…</summary>
    public string? Outcome => Page.ById(RunNowElementIds.Outcome)?.GetAttribute("data-outcome");

    /// <summary>
    /// Arrives at the viewer from where the flow left the browser: the authorize endpoint's form_post page, which a
    /// browser submits by itself.
    /// </summary>
    public static async Task<RunNowViewerPage> ReceiveAsync(Browser browser, Navigation page, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        var formPost = page.Document?.QuerySelector("form[name=form][method=post]");
        Assert.True(formPost is not null, $"Expected the form_post page at {page.Url}, got {(int)page.Status}: {page.Body[..Math.Min(800, page.Body.Length)]}");
        Assert.EndsWith("/run-now/result", formPost.GetAttribute("action"), StringComparison.Ordinal);
        return On(await browser.SubmitAsync(page, "form[name=form]", extra));
    }

    /// <summary>
    /// Posts <paramref name="response"/> to the viewer at <paramref name="url"/> as a flow's form_post page would, with
    /// the Host header given (or the browser's own), and follows the answer to the viewer.
    /// </summary>
    public static async Task<RunNowViewerPage> PostAsync(Browser browser, string url, Dictionary<string, string> response, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(response) };
        if (host is not null)
        {
            post.Headers.Host = host;
        }

        return On(await browser.SendAndFollowAsync(post));
    }

    public static RunNowViewerPage On(Navigation page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.True(page.ById(PageElementIds.Api)?.ClassList.Contains("viewer") == true, $"Expected the viewer at {page.Url}, got {(int)page.Status}: {page.Body[..Math.Min(800, page.Body.Length)]}");
        return new RunNowViewerPage(page);
    }

    public string? Summary => Page.Text(RunNowElementIds.Summary);

    public string? RawToken(string section) => Page.Text(section + RunNowElementIds.RawSuffix);

    public string? Payload(string section) => Page.Text(section + RunNowElementIds.PayloadSuffix);

    public string? Header(string section) => Page.Text(section + RunNowElementIds.HeaderSuffix);

    /// <summary>The claim's value as shown (for time claims, the readable time), or null when absent.</summary>
    public string? Claim(string section, string claim) =>
        Row(section, claim)?.QuerySelector(".claim-time")?.TextContent.Trim() ?? Row(section, claim)?.QuerySelector(".claim-value")?.TextContent.Trim();

    public string? ClaimExplanation(string section, string claim) => Row(section, claim)?.QuerySelector(".explanation")?.TextContent.Trim();

    public IReadOnlyList<string> Claims(string section) =>
        [.. Page.Document!.QuerySelectorAll($"#{section}{RunNowElementIds.ClaimsSuffix} tr[data-claim]").Select(r => r.GetAttribute("data-claim")!)];

    /// <summary>The checks of a token section (or of the response, with <see cref="RunNowElementIds.Checks"/>): kind → passed.</summary>
    public IReadOnlyDictionary<string, bool> Checks(string section) =>
        Page.Document!.QuerySelectorAll($"#{(section == RunNowElementIds.Checks ? section : section + "-checks")} li[data-check]")
            .ToDictionary(li => li.GetAttribute("data-check")!, li => li.GetAttribute("data-passed") == "true");

    public string? CheckText(string section, string kind) =>
        Page.Document!.QuerySelector($"#{(section == RunNowElementIds.Checks ? section : section + "-checks")} li[data-check={kind}]")?.TextContent.Trim();

    public string? RefreshTokenFact(string fact) => Page.Document!.QuerySelector($"#{RunNowElementIds.RefreshTokenFacts} dd[data-fact={fact}]")?.TextContent.Trim();

    public string? ErrorCode => Page.Text(RunNowElementIds.ErrorCode);
    public string? ErrorDescription => Page.Text(RunNowElementIds.ErrorDescription);
    public string? ErrorMeaning => Page.Text(RunNowElementIds.ErrorMeaning);
    public string? ErrorFix => Page.Text(RunNowElementIds.ErrorFix);
    public string? RunAgainHref => Page.ById(RunNowElementIds.RunAgain)?.GetAttribute("href");

    private AngleSharp.Dom.IElement? Row(string section, string claim) =>
        Page.Document!.QuerySelector($"#{section}{RunNowElementIds.ClaimsSuffix} tr[data-claim='{claim}']");
}
