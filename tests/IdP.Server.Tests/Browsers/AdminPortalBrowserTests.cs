using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// Operators in a real browser: the first administrator (from IdP:Admin:Bootstrap) signs in to the portal through the
/// server's own sign-in flow, turns self-service password reset on, and the sign-in page offers "Can't access your
/// account?"; a new operator goes from nothing to a running flow with the portal alone. Screenshots feed the README.
/// </summary>
public sealed class AdminPortalBrowserTests(PortalBrowserFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<PortalBrowserFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_administrator_switches_password_reset_to_All_and_the_sign_in_page_shows_the_link()
    {
        var page = await chromium.NewPageAsync();
        await server.SignInToPortalAsync(page);
        await page.ClickAsync("#nav-password-reset");
        await Assertions.Expect(page.Locator("legend")).ToHaveTextAsync("Self service password reset enabled");
        await page.CheckAsync("#mode-None");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("None");

        // Nobody may reset: the sign-in page has no link.
        var visitor = await chromium.NewPageAsync();
        await visitor.GotoAsync(server.RunNowUrl);
        await Assertions.Expect(visitor.Locator($"#{PageElementIds.SignInName}")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator($"#{PageElementIds.ForgotPassword}")).ToHaveCountAsync(0);

        await page.CheckAsync("#mode-All");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Self service password reset enabled: All");
        await Chromium.ScreenshotAsync(page, "portal-password-reset", output);

        await visitor.GotoAsync(server.RunNowUrl);
        await Assertions.Expect(visitor.Locator($"#{PageElementIds.ForgotPassword}")).ToHaveTextAsync("Can't access your account?");
        await Chromium.ScreenshotAsync(visitor, "portal-sign-in-with-reset-link", output);
    }

    [Fact]
    public async Task A_new_operator_creates_a_user_registers_a_web_app_and_an_API_turns_reset_on_and_runs_the_flow()
    {
        var page = await chromium.NewPageAsync();
        await server.SignInToPortalAsync(page);
        await Chromium.ScreenshotAsync(page, "portal-overview", output);

        // A user.
        await page.ClickAsync("nav >> text=Users");
        await page.ClickAsync("#new-user");
        await page.FillAsync("#Input_SignInEmail", "ada@example.com");
        await page.FillAsync("#Input_DisplayName", "Ada Lovelace");
        await page.FillAsync("#Input_GivenName", "Ada");
        await page.FillAsync("#Input_Surname", "Lovelace");
        await page.FillAsync("#Input_Password", "Analytical-Engine-1843");
        await page.ClickAsync("#create");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("ada@example.com");
        await Chromium.ScreenshotAsync(page, "portal-user", output);

        // An API with a scope.
        await page.ClickAsync("nav >> text=App registrations");
        await page.ClickAsync("#new-application");
        await page.FillAsync("#Input_DisplayName", "Tasks API");
        await page.FillAsync("#Input_AppIdUri", $"https://{IdPFactory.TenantDomain}/tasks-api");
        await page.FillAsync("#Input_ApiScopes", "tasks.read: Read the user's tasks");
        await page.ClickAsync("#register");
        await Assertions.Expect(page.Locator("#application-title")).ToHaveTextAsync("Tasks API");

        // A web app with a reply URL, the API's scope and a secret.
        await page.ClickAsync("nav >> text=App registrations");
        await page.ClickAsync("#new-application");
        await page.FillAsync("#Input_DisplayName", "Tasks web");
        await page.FillAsync("#Input_RedirectUris", "https://tasks.example.com/signin-oidc");
        await page.CheckAsync($"input[value='https://{IdPFactory.TenantDomain}/tasks-api/tasks.read']");
        await page.ClickAsync("#register");
        await Assertions.Expect(page.Locator("#application-title")).ToHaveTextAsync("Tasks web");
        await page.FillAsync("#SecretInput_Description", "Production");
        await page.ClickAsync("#add-secret");
        await Assertions.Expect(page.Locator("#new-secret-value")).Not.ToBeEmptyAsync();
        await Chromium.ScreenshotAsync(page, "portal-application-secret", output);
        await page.ClickAsync("nav >> text=App registrations");
        await Chromium.ScreenshotAsync(page, "portal-applications", output);

        // Password reset for everyone.
        await page.ClickAsync("#nav-password-reset");
        await page.CheckAsync("#mode-All");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("All");

        // Run now from the flow's page: the endpoint, copy, and Run opens the flow.
        await page.ClickAsync("nav >> text=User flows");
        await Chromium.ScreenshotAsync(page, "portal-user-flows", output);
        await page.ClickAsync($"text={IdPFactory.SignInPolicy}");
        await Assertions.Expect(page.Locator("#run-endpoint")).ToContainTextAsync("/run-now");
        await Assertions.Expect(page.Locator("button.copy")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "portal-run-now", output);
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#run-button"));
        await Assertions.Expect(popup.Locator($"#{PageElementIds.ForgotPassword}")).ToHaveTextAsync("Can't access your account?");
        await popup.FillAsync($"#{PageElementIds.SignInName}", "ada@example.com");
        await popup.FillAsync($"#{PageElementIds.Password}", "Analytical-Engine-1843");
        await popup.ClickAsync($"#{PageElementIds.Next}");
        await Assertions.Expect(popup.Locator($"#{RunNowElementIds.IdToken}{RunNowElementIds.ClaimsSuffix} tr[data-claim='name'] .claim-value")).ToContainTextAsync("Ada Lovelace");
        await Chromium.ScreenshotAsync(popup, "portal-run-now-result", output);

        await page.ClickAsync("nav >> text=Audit log");
        await Assertions.Expect(page.Locator("#audit-events tbody tr").First).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "portal-audit-log", output);
    }

    [Fact]
    public async Task The_old_run_now_list_url_lands_on_the_portals_user_flows_where_the_endpoint_copies()
    {
        var page = await chromium.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = server.BaseUrl });

        await page.GotoAsync($"{server.BaseUrl}/{IdPFactory.Tenant}/run-now/flows");
        await page.FillAsync($"#{PageElementIds.SignInName}", PortalBrowserFactory.AdminEmail);
        await page.FillAsync($"#{PageElementIds.Password}", PortalBrowserFactory.AdminPassword);
        await page.ClickAsync($"#{PageElementIds.Next}");
        await page.WaitForURLAsync($"{server.BaseUrl}/admin/user-flows");
        await page.ClickAsync($"text={IdPFactory.SignInPolicy}");
        await page.ClickAsync("button.copy");

        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(server.RunNowUrl, copied);
        Assert.Equal(copied, (await page.Locator("#run-endpoint").TextContentAsync())?.Trim());
    }
}
