using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>What every page of a user flow must pass in a real browser, with a screenshot saved first.</summary>
internal static class AccessibilityCheck
{
    /// <summary>axe-core finds nothing against WCAG 2.1 A/AA, and nothing is wider than the viewport (no sideways scrolling).</summary>
    public static async Task AssertAsync(IPage page, string name, ITestOutputHelper output)
    {
        await Chromium.ScreenshotAsync(page, name, output);
        var result = await page.RunAxe(AxeOptions.Wcag21AA);
        var violations = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
        Assert.True(result.Violations.Length == 0, $"{name}: axe-core reports WCAG violations:\n{violations}");
        Assert.True(result.Passes.Length > 0, $"{name}: axe-core checked nothing.");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, viewport) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= viewport, $"{name}: the page is {scrollWidth}px wide on a {viewport}px screen.");
    }
}
