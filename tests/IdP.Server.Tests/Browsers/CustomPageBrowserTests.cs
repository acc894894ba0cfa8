using Deque.AxeCore.Playwright;
using IdP.Server.Tests.UserFlows;
using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// A flow with custom page content in a real browser: the sign-in page and reset step 1 render inside the template
/// (its <c>&lt;style&gt;</c> block applies under the strict CSP, its script does not run), axe-core finds no serious or
/// critical violation, and signing in still works end to end.
/// </summary>
public sealed class CustomPageBrowserTests(ResetBrowserFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<ResetBrowserFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Sign_in_and_reset_render_inside_the_custom_template_and_sign_in_succeeds()
    {
        var policy = "B2C_1_cpb_" + Guid.NewGuid().ToString("N")[..8];
        await server.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().CreateAsync(
            new UserFlowInput { Name = policy, Type = UserFlowType.SignIn, CustomPageContent = CustomPageTests.Template("Contoso custom page") }, "test", CancellationToken.None)));
        var clientId = "cpb-" + Guid.NewGuid().ToString("N")[..12];
        var authorize = await BrowserApp.RegisterAsync(server, clientId, policy);
        await server.CreateAccountAsync($"{clientId}@example.com", "Correct-Horse-9");

        var page = await chromium.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspViolations.Add(message.Text);
            }
        };
        await page.RouteAsync("https://cdn.contoso.example/**", route => route.Request.Url.EndsWith(".css", StringComparison.Ordinal)
            ? route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/css", Body = ".custom-header { border-bottom: 2px solid #5c2d91; }" })
            : route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = BrandingImages.Png(40, 40) }));
        await BrowserApp.AnswerOnAsync(page);

        await page.GotoAsync(authorize);
        await Assertions.Expect(page.Locator("#customHeading")).ToHaveTextAsync("Contoso custom page");
        await Assertions.Expect(page.Locator($".custom-frame > #api #{PageElementIds.SignInName}")).ToBeVisibleAsync();
        // The template's <style> block applies (allowed by its hash); its script never ran.
        Assert.Equal("640px", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.custom-frame')).maxWidth"));
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.Empty(cspViolations);
        await CheckAsync(page, "custom-page-01-sign-in");
        // axe-core fetches stylesheets itself (connect-src refuses that): only the page's own loads count.
        cspViolations.Clear();

        await page.ClickAsync($"#{PageElementIds.ForgotPassword}");
        await Assertions.Expect(page.Locator($".custom-frame > #api #{PageElementIds.Email}")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#customHeading")).ToHaveTextAsync("Contoso custom page");
        Assert.Empty(cspViolations);
        await CheckAsync(page, "custom-page-02-reset-step-one");
        cspViolations.Clear();

        await page.GotoAsync(authorize);
        await page.FillAsync($"#{PageElementIds.SignInName}", $"{clientId}@example.com");
        await page.FillAsync($"#{PageElementIds.Password}", "Correct-Horse-9");
        await page.ClickAsync($"#{PageElementIds.Next}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);
        Assert.Contains("id_token=", new Uri(page.Url).Fragment, StringComparison.Ordinal);
        Assert.Empty(cspViolations);
        await page.Context.CloseAsync();
    }

    // No serious or critical WCAG 2.1 A/AA violation (the template's own design is the tenant's; ours must hold).
    private async Task CheckAsync(IPage page, string name)
    {
        await Chromium.ScreenshotAsync(page, name, output);
        var result = await page.RunAxe(AxeOptions.Wcag21AA);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: axe-core reports serious WCAG violations:\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help}")));
        Assert.True(result.Passes.Length > 0, $"{name}: axe-core checked nothing.");
    }
}
