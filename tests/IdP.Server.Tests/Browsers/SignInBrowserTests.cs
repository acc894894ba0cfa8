using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>A person signing in with a real browser: the app sends them to the flow, they type, they land back at the app.</summary>
public sealed class SignInBrowserTests(BrowserIdPFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<BrowserIdPFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_person_signs_in_and_the_app_receives_an_id_token()
    {
        var authorize = await BrowserApp.RegisterAsync(server, "browser-app");
        await server.CreateAccountAsync("ada@example.com", "Correct-Horse-9");

        var page = await chromium.NewPageAsync();
        string? received = null;
        await BrowserApp.AnswerOnAsync(page, url => received = url);

        await page.GotoAsync(authorize);
        await Assertions.Expect(page.Locator($"#{PageElementIds.SignInName}")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "signin-01-page", output);

        await page.FillAsync($"#{PageElementIds.SignInName}", "ada@example.com");
        await page.FillAsync($"#{PageElementIds.Password}", "wrong password");
        await page.ClickAsync($"#{PageElementIds.Next}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.ErrorMessage}")).ToHaveTextAsync("Invalid username or password.");
        await Chromium.ScreenshotAsync(page, "signin-02-wrong-password", output);

        await page.FillAsync($"#{PageElementIds.SignInName}", "ada@example.com");
        await page.FillAsync($"#{PageElementIds.Password}", "Correct-Horse-9");
        await page.ClickAsync($"#{PageElementIds.Next}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);

        Assert.NotNull(received);
        await Chromium.ScreenshotAsync(page, "signin-03-back-at-app", output);
        var fragment = new Uri(page.Url).Fragment;
        Assert.Contains("id_token=", fragment, StringComparison.Ordinal);
        Assert.Contains("state=s1", fragment, StringComparison.Ordinal);
    }
}
