using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>A developer running a user flow with a real browser: open the run-now URL, sign in, read the token.</summary>
public sealed class RunNowBrowserTests(BrowserIdPFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<BrowserIdPFactory>, IClassFixture<Chromium>
{
    private const string Password = "Correct-Horse-9";

    [Fact]
    public async Task A_developer_opens_the_run_now_url_signs_in_and_reads_the_tokens_on_the_viewer()
    {
        await server.CreateAccountAsync("grace@example.com", Password, displayName: "Grace Hopper");
        var page = await chromium.NewPageAsync();
        var elsewhere = RequestsElsewhere(page);

        await page.GotoAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now");
        await SignInAsync(page, "grace@example.com");

        await page.WaitForURLAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/run-now/result");
        await Assertions.Expect(Claim(page, RunNowElementIds.IdToken, "name")).ToHaveTextAsync("Grace Hopper");
        await Assertions.Expect(page.Locator($"#{RunNowElementIds.IdToken}-checks li[data-passed=false]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"#{RunNowElementIds.IdToken}-checks li[data-passed=true]")).ToHaveCountAsync(5);
        await Chromium.ScreenshotAsync(page, "run-now-01-viewer-id-token", output);

        await page.GotoAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/run-now?p={IdPFactory.SignInPolicy}&response_type=code");
        await SignInAsync(page, "grace@example.com");

        await page.WaitForURLAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/run-now/result");
        await Assertions.Expect(page.Locator($"#{RunNowElementIds.Checks} li[data-check=ProofKey][data-passed=true]")).ToBeVisibleAsync();
        await Assertions.Expect(Claim(page, RunNowElementIds.AccessToken, "aud")).ToHaveTextAsync(RunNowApplication.ClientId);
        await Assertions.Expect(page.Locator($"#{RunNowElementIds.RefreshTokenFacts} dd[data-fact=status]")).ToHaveTextAsync("valid");
        await Chromium.ScreenshotAsync(page, "run-now-02-viewer-code-flow", output);

        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task A_response_in_the_url_fragment_is_relayed_to_the_server_by_the_viewers_own_script()
    {
        await server.CreateAccountAsync("alan@example.com", Password);
        var page = await chromium.NewPageAsync();
        var elsewhere = RequestsElsewhere(page);

        // A hand-made run: Run now's own request asks for form_post; ask the flow for the fragment instead.
        await page.RouteAsync("**/run-now", async route =>
        {
            var response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
            var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
            headers["location"] = headers["location"].Replace("response_mode=form_post", "response_mode=fragment", StringComparison.Ordinal);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        await page.GotoAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now");
        await SignInAsync(page, "alan@example.com");

        await page.WaitForURLAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/run-now/result");
        await Assertions.Expect(page.Locator($"#{RunNowElementIds.Checks} li[data-check=Mode]")).ToContainTextAsync("fragment");
        await Assertions.Expect(page.Locator($"#{RunNowElementIds.IdToken}-checks li[data-passed=false]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("#", page.Url, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "run-now-03-viewer-fragment", output);

        Assert.Empty(elsewhere);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.FillAsync($"#{PageElementIds.SignInName}", email);
        await page.FillAsync($"#{PageElementIds.Password}", Password);
        await page.ClickAsync($"#{PageElementIds.Next}");
    }

    private static ILocator Claim(IPage page, string section, string claim) =>
        page.Locator($"#{section}{RunNowElementIds.ClaimsSuffix} tr[data-claim='{claim}'] .claim-value");

    /// <summary>Every request the page makes to another origin: there must be none (no external scripts, fonts or sites).</summary>
    private List<string> RequestsElsewhere(IPage page)
    {
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseUrl + "/", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        return elsewhere;
    }
}
