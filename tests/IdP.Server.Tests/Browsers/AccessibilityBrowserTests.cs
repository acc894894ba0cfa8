using IdP.Core.Branding;
using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// The sign-in page and every reset step in a real browser, checked by axe-core for WCAG 2.1 A and AA (no violation
/// at all, errors shown included), in the default theme and in a tenant's branding, in English and French, and usable
/// on a 320 px wide screen (nothing wider than the screen).
/// </summary>
public sealed class AccessibilityBrowserTests(ResetBrowserFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<ResetBrowserFactory>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData("en", false, 1024)]
    [InlineData("fr", true, 1024)]
    [InlineData("en", false, 320)]
    [InlineData("fr", true, 320)]
    public async Task The_sign_in_and_reset_pages_have_no_wcag_21_aa_violations_and_fit_the_screen(string language, bool branded, int width)
    {
        var clientId = $"a11y-{language}-{width}-{Guid.NewGuid():N}"[..24];
        var email = $"{clientId}@example.com";
        var authorize = await BrowserApp.RegisterAsync(server, clientId);
        await server.CreateAccountAsync(email, "Forgotten-Pass-1");
        await SetBrandingAsync(branded);
        var name = $"a11y-{language}-{(branded ? "branded" : "default")}-{width}";

        var page = await chromium.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await BrowserApp.AnswerOnAsync(page);
        await page.GotoAsync($"{authorize}&ui_locales={language}");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        if (branded)
        {
            await Assertions.Expect(page.Locator("#bannerLogo")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#signInPageText strong")).ToHaveTextAsync("Contoso");
        }

        await CheckAsync(page, $"{name}-01-sign-in");
        await page.ClickAsync($"#{PageElementIds.Next}");
        await Assertions.Expect(page.Locator(".error.itemLevel").First).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-02-sign-in-errors");

        await page.ClickAsync($"#{PageElementIds.ForgotPassword}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.Email}")).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-03-reset-step-one");
        await page.FillAsync($"#{PageElementIds.Email}", email);
        await page.ClickAsync($"#{PageElementIds.EmailVerifySend}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.EmailVerifyInfo}")).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-04-code-sent");

        var code = await server.Smtp.WaitForCodeAsync(email);
        await page.FillAsync($"#{PageElementIds.EmailVerifyInput}", code == "000000" ? "000001" : "000000");
        await page.ClickAsync($"#{PageElementIds.EmailVerifyVerify}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.ErrorMessage}")).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-05-wrong-code");

        await page.FillAsync($"#{PageElementIds.EmailVerifyInput}", code);
        await page.ClickAsync($"#{PageElementIds.EmailVerifyVerify}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.EmailVerifySuccess}")).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-06-verified");

        await page.ClickAsync($"#{PageElementIds.Continue}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.NewPassword}")).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-07-new-password");
        await page.FillAsync($"#{PageElementIds.NewPassword}", "Remembered-Pass-2");
        await page.FillAsync($"#{PageElementIds.ReenterPassword}", "Remembered-Pass-3");
        await page.ClickAsync($"#{PageElementIds.Continue}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.ErrorMessage}")).ToBeVisibleAsync();
        await CheckAsync(page, $"{name}-08-mismatch");
        await page.Context.CloseAsync();
    }

    private Task CheckAsync(IPage page, string name) => AccessibilityCheck.AssertAsync(page, name, output);

    private Task SetBrandingAsync(bool branded) => server.WithScopeAsync(async sp =>
    {
        var branding = sp.GetRequiredService<BrandingService>();
        Assert.IsType<IdP.Core.Administration.AdminResult<BrandingDetails>.Done>(await branding.ChangeAsync(branded
            ? new BrandingInput { AccentColor = "#5c2d91", BackgroundColor = "#e8e4f0", SignInPageText = "**Contoso** staff and customers. [Help](https://contoso.test/help)", UsernameHint = "someone@contoso.com" }
            : new BrandingInput(), CancellationToken.None));
        if (branded)
        {
            await branding.SetImageAsync(BrandingImageKind.BannerLogo, BrandingImages.Png(200, 48), CancellationToken.None);
            await branding.SetImageAsync(BrandingImageKind.BackgroundImage, BrandingImages.Jpeg(1280, 720), CancellationToken.None);
        }
        else
        {
            await branding.RemoveImageAsync(BrandingImageKind.BannerLogo, CancellationToken.None);
            await branding.RemoveImageAsync(BrandingImageKind.BackgroundImage, CancellationToken.None);
        }
    });
}
