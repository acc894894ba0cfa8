using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// "Keep me signed in" in a real browser: the person ticks B2C's box, closes the browser and comes back after the web
/// app session would have ended: still signed in. Unticked, closing the browser ends the sign-in as before.
/// </summary>
public sealed class KeepMeSignedInBrowserTests(BrowserIdPFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<BrowserIdPFactory>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Closing_the_browser_keeps_the_sign_in_only_when_keep_me_signed_in_was_ticked(bool ticked)
    {
        var name = ticked ? "kept" : "unkept";
        var policy = $"B2C_1_kmsi_browser_{name}";
        await server.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SessionLifetimeMinutes = 15, KeepMeSignedIn = true, KeepMeSignedInDays = 30 });
        await server.CreateAccountAsync($"{name}@example.com", "Correct-Horse-9");
        var authorize = await BrowserApp.RegisterAsync(server, $"browser-kmsi-{name}", policy);

        var page = await chromium.NewPageAsync();
        await BrowserApp.AnswerOnAsync(page);
        await page.GotoAsync(authorize);
        await Assertions.Expect(page.Locator("div.rememberMe label[for=rememberMe]")).ToHaveTextAsync("Keep me signed in");
        await Assertions.Expect(page.Locator($"#{PageElementIds.RememberMe}")).Not.ToBeCheckedAsync();
        await page.FillAsync($"#{PageElementIds.SignInName}", $"{name}@example.com");
        await page.FillAsync($"#{PageElementIds.Password}", "Correct-Horse-9");
        if (ticked)
        {
            await page.CheckAsync($"#{PageElementIds.RememberMe}");
        }

        await Chromium.ScreenshotAsync(page, $"kmsi-{name}-01-sign-in", output);
        await page.ClickAsync($"#{PageElementIds.Next}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();

        // The browser is closed and opened again: ticked, an hour later (past the 15-minute web app session); unticked,
        // five minutes later (within it), so only the closing can have ended the sign-in.
        server.Clock.Advance(ticked ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(5));
        var reopened = await chromium.NewPageAsync(storageState: AfterRestart(state));
        await BrowserApp.AnswerOnAsync(reopened);
        // The app's sign-in link is followed, as from the app: a GotoAsync whose answer is a redirect to the app ended in
        // ERR_NAME_NOT_RESOLVED here (the route did not answer the redirect's target), a followed link does not.
        await reopened.SetContentAsync($"<a id=\"app-sign-in\" href=\"{authorize}\">Sign in</a>");
        await reopened.ClickAsync("#app-sign-in");

        if (ticked)
        {
            await reopened.WaitForURLAsync(BrowserApp.AnyUrl);
            Assert.Contains("id_token=", new Uri(reopened.Url).Fragment, StringComparison.Ordinal);
        }
        else
        {
            await Assertions.Expect(reopened.Locator($"#{PageElementIds.SignInName}")).ToBeVisibleAsync();
        }

        await Chromium.ScreenshotAsync(reopened, $"kmsi-{name}-02-after-restart", output);
        await reopened.Context.CloseAsync();
    }

    /// <summary>
    /// What a browser keeps when it is closed and opened again: its persistent cookies. Playwright's storage state also
    /// holds session cookies (expires -1), which a real restart drops.
    /// </summary>
    private static string AfterRestart(string storageState)
    {
        var state = JsonNode.Parse(storageState)!.AsObject();
        var kept = state["cookies"]!.AsArray().Where(c => c!["expires"]!.GetValue<double>() > 0).Select(c => c!.DeepClone());
        state["cookies"] = new JsonArray([.. kept]);
        return state.ToJsonString();
    }
}
