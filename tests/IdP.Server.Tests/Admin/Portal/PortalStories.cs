using AngleSharp.Html.Dom;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>What a portal test does again and again: make an administrator, sign in through the flow, fill a form.</summary>
internal static class PortalStories
{
    /// <summary>A new account holding the administrator role.</summary>
    public static async Task<TestUser> CreateAdministratorAsync(this IdPFactory factory)
    {
        var user = await factory.CreateUserAsync();
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Administrators>().GrantAsync(user.Account.Id, "test", default));
        return user;
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in flow, signs in and returns where the portal lands.</summary>
    public static async Task<Navigation> SignInToPortalAsync(this Browser browser, TestUser user, string path = "/admin")
    {
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(path));
        return await signIn.SignInAsync(user.Email, user.Password);
    }

    /// <summary>A browser signed in to the portal as a new administrator.</summary>
    public static async Task<(Browser Browser, TestUser Administrator)> PortalBrowserAsync(this IdPFactory factory)
    {
        var admin = await factory.CreateAdministratorAsync();
        var browser = factory.CreateBrowser();
        var home = await browser.SignInToPortalAsync(admin);
        Assert.True(home.ById("overview") is not null, $"Expected the portal's overview, got {(int)home.Status} at {home.Url}: {home.Body[..Math.Min(800, home.Body.Length)]}");
        return (browser, admin);
    }

    /// <summary>The ModelState errors shown next to a field (the field-errors block just before it).</summary>
    public static IReadOnlyList<string> FieldErrors(this Navigation page, string inputId)
    {
        var input = page.ById(inputId) ?? throw new InvalidOperationException($"No #{inputId} on {page.Url}.");
        var container = input.ParentElement!;
        return [.. container.QuerySelectorAll(".error.itemLevel p").Select(p => p.TextContent.Trim())];
    }

    /// <summary>The value of a select's chosen option.</summary>
    public static string? Selected(this Navigation page, string selectId) => (page.ById(selectId) as IHtmlSelectElement)?.Value;
}
