using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// The portal's "Company branding" page in a real browser: the preview follows the colours, text and logo as the
/// administrator edits them, before anything is saved (the sign-in page still shows the default theme); after Save the
/// real sign-in page shows them. Its own server (branding is tenant-wide, so it cannot change other tests' pages).
/// The screenshots feed the README's Administration section.
/// </summary>
public sealed class BrandingPortalBrowserTests(PortalBrowserFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<PortalBrowserFactory>, IClassFixture<Chromium>
{
    private const string DefaultBackground = "rgb(242, 242, 242)";
    private const string Background = "#dde7f0";
    private const string BackgroundRgb = "rgb(221, 231, 240)";
    private const string Accent = "#5c2d91";
    private const string AccentRgb = "rgb(92, 45, 145)";

    // An SVG logo (no script: the core accepts it) that reads as one in the README's screenshots.
    private static readonly byte[] Logo = System.Text.Encoding.UTF8.GetBytes(
        """<svg xmlns="http://www.w3.org/2000/svg" width="220" height="50" viewBox="0 0 220 50">"""
        + """<rect x="2" y="5" width="40" height="40" rx="8" fill="#5c2d91"/><path d="M14 25h16M22 17v16" stroke="#fff" stroke-width="5"/>"""
        + """<text x="54" y="35" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" font-weight="700" fill="#5c2d91">Contoso</text></svg>""");

    [Fact]
    public async Task An_administrator_sees_the_preview_change_before_saving_and_the_sign_in_page_after()
    {
        var page = await chromium.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The browser's own request for /favicon.ico (the portal has no icon) is not the page's doing.
            if (message.Type == "error" && !message.Location.StartsWith($"{server.BaseUrl}/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await server.SignInToPortalAsync(page);
        await page.ClickAsync("#nav-branding");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Company branding");
        var preview = page.Locator("#branding-preview");
        Assert.Equal(DefaultBackground, await BackgroundOf(preview));
        // The form (labels, help texts tied to their fields) and the preview (inert) pass axe-core's WCAG 2.1 A/AA rules.
        var axe = await page.RunAxe(AxeOptions.Wcag21AA);
        Assert.True(axe.Violations.Length == 0, "axe-core reports WCAG violations:\n" + string.Join("\n", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        Assert.True(axe.Passes.Length > 0);

        // Typed colour: the preview's background changes at once.
        await page.FillAsync("#backgroundColor", Background);
        await Assertions.Expect(preview).ToHaveCSSAsync("background-color", BackgroundRgb);
        Assert.Equal(Background, await page.InputValueAsync("#backgroundColorPicker"));

        // Picked colour: the text field follows the picker, the preview's button takes the accent.
        await page.FillAsync("#accentColorPicker", Accent);
        Assert.Equal(Accent, await page.InputValueAsync("#accentColor"));
        await Assertions.Expect(page.Locator("#preview-next")).ToHaveCSSAsync("background-color", AccentRgb);

        // Text: rendered by the server's sanitiser; script typed into it is text, never an element.
        await page.FillAsync("#signInPageText", "**Welcome** to Contoso. <script>document.title='owned'</script>\nNeed help? [Contact IT](https://contoso.example/help)");
        await Assertions.Expect(page.Locator("#preview-text strong")).ToHaveTextAsync("Welcome");
        await Assertions.Expect(page.Locator("#preview-text")).ToContainTextAsync("<script>");
        await Assertions.Expect(page.Locator("#preview-text script")).ToHaveCountAsync(0);
        await page.FillAsync("#usernameHint", "name@contoso.example");
        await Assertions.Expect(page.Locator("#preview-signInName")).ToHaveAttributeAsync("placeholder", "name@contoso.example");

        // A chosen logo is shown from the browser's copy of the file.
        await page.SetInputFilesAsync("#bannerLogoFile", new FilePayload { Name = "contoso.svg", MimeType = "image/svg+xml", Buffer = Logo });
        await Assertions.Expect(page.Locator("#preview-logo")).ToBeVisibleAsync();
        Assert.StartsWith("blob:", await page.Locator("#preview-logo").GetAttributeAsync("src"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#preview-logo")).ToHaveJSPropertyAsync("naturalWidth", 220);
        await Assertions.Expect(page.Locator("#preview-name")).ToBeHiddenAsync();

        // A chosen background image too; choosing no file again brings back the saved state (none).
        await page.SetInputFilesAsync("#backgroundImageFile", new FilePayload { Name = "background.png", MimeType = "image/png", Buffer = BrandingImages.Png(480, 270) });
        Assert.StartsWith("url(\"blob:", await preview.EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage"), StringComparison.Ordinal);
        await page.SetInputFilesAsync("#backgroundImageFile", Array.Empty<FilePayload>());
        Assert.Equal("none", await preview.EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage"));

        // Nothing is saved yet: the sign-in page still has the default theme and no logo.
        var visitor = await chromium.NewPageAsync();
        await visitor.GotoAsync(server.RunNowUrl);
        await Assertions.Expect(visitor.Locator($"#{PageElementIds.SignInName}")).ToBeVisibleAsync();
        Assert.Equal(DefaultBackground, await BackgroundOf(visitor.Locator("body")));
        await Assertions.Expect(visitor.Locator("#bannerLogo")).ToHaveCountAsync(0);
        Assert.NotEqual("owned", await page.TitleAsync());
        await Chromium.ScreenshotAsync(page, "portal-branding", output);
        // The preview did all that within the portal's CSP (no inline script or style), without a script error.
        Assert.True(errors.Count == 0, string.Join(" | ", errors));

        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("Company branding saved.");
        await Assertions.Expect(page.Locator("#bannerLogo-current")).ToContainTextAsync("220×50 px");
        // After the reload the preview shows the saved values (from the server, no longer from the form).
        await Assertions.Expect(preview).ToHaveCSSAsync("background-color", BackgroundRgb);
        Assert.DoesNotContain("blob:", await page.Locator("#preview-logo").GetAttributeAsync("src") ?? "", StringComparison.Ordinal);

        await visitor.GotoAsync(server.RunNowUrl);
        await Assertions.Expect(visitor.Locator("body")).ToHaveCSSAsync("background-color", BackgroundRgb);
        await Assertions.Expect(visitor.Locator($"#{PageElementIds.Next}")).ToHaveCSSAsync("background-color", AccentRgb);
        await Assertions.Expect(visitor.Locator("#bannerLogo")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("#bannerLogo")).ToHaveJSPropertyAsync("naturalWidth", 220);
        await Assertions.Expect(visitor.Locator("#signInPageText strong")).ToHaveTextAsync("Welcome");
        await Assertions.Expect(visitor.Locator($"#{PageElementIds.SignInName}")).ToHaveAttributeAsync("placeholder", "name@contoso.example");
        await Chromium.ScreenshotAsync(visitor, "portal-branded-sign-in", output);
    }

    [Fact]
    public async Task A_french_operator_gets_the_branding_page_in_french_and_it_passes_the_same_wcag_rules()
    {
        var page = await chromium.NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "fr-FR,fr;q=0.9" });
        await server.SignInToPortalAsync(page);
        await page.ClickAsync("#nav-branding");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Personnalisation de la marque de l’entreprise");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("#preview-heading")).ToHaveTextAsync("Aperçu");
        var axe = await page.RunAxe(AxeOptions.Wcag21AA);
        Assert.True(axe.Violations.Length == 0, "axe-core reports WCAG violations:\n" + string.Join("\n", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        await Chromium.ScreenshotAsync(page, "portal-branding-fr", output);
    }

    private static Task<string> BackgroundOf(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
