using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>The Kestrel-hosted server whose first administrator comes from IdP:Admin:Bootstrap.</summary>
public sealed class PortalBrowserFactory : BrowserIdPFactory
{
    public const string AdminEmail = "admin@contoso.example";
    public const string AdminPassword = "First-Admin-Pass-1";

    public PortalBrowserFactory() => With("IdP:Admin:Bootstrap:Email", AdminEmail).With("IdP:Admin:Bootstrap:Password", AdminPassword);

    /// <summary>The built-in sign-in flow's Run now URL, as a visitor opens it and the portal shows it.</summary>
    public string RunNowUrl => $"{BaseUrl}/{TenantDomain}/{SignInPolicy}/run-now";

    /// <summary>The first administrator signs in to the portal through the server's own sign-in page and sees the overview.</summary>
    public async Task SignInToPortalAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{BaseUrl}/admin");
        await Assertions.Expect(page.Locator($"#{PageElementIds.SignInName}")).ToBeVisibleAsync();
        await page.FillAsync($"#{PageElementIds.SignInName}", AdminEmail);
        await page.FillAsync($"#{PageElementIds.Password}", AdminPassword);
        await page.ClickAsync($"#{PageElementIds.Next}");
        await page.WaitForURLAsync($"{BaseUrl}/admin");
        await Assertions.Expect(page.Locator("#overview")).ToBeVisibleAsync();
    }
}
