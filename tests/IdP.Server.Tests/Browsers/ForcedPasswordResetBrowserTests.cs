using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// A person an administrator gave a temporary password, in a real browser, on a flow with "Forced password reset" on:
/// the sign-in page, the new-password page (its refusals), and back at the app signed in; every page passes axe-core.
/// </summary>
public sealed class ForcedPasswordResetBrowserTests(BrowserIdPFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<BrowserIdPFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_person_with_a_temporary_password_chooses_their_own_and_lands_signed_in_at_the_app()
    {
        const string email = "temporary@example.com";
        const string temporary = "Temporary-Pass-1";
        const string policy = "B2C_1_forced_browser";
        await server.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", ForcedPasswordReset = true });
        var account = await server.CreateAccountAsync(email, temporary);
        await server.WithDbAsync(db => db.Users.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ForceChangePasswordNextSignIn, true)));
        var authorize = await BrowserApp.RegisterAsync(server, "browser-forced-app", policy);

        var page = await chromium.NewPageAsync();
        await BrowserApp.AnswerOnAsync(page);
        await page.GotoAsync(authorize);
        await page.FillAsync($"#{PageElementIds.SignInName}", email);
        await page.FillAsync($"#{PageElementIds.Password}", temporary);
        await page.ClickAsync($"#{PageElementIds.Next}");

        await Assertions.Expect(page.Locator("#api .intro p")).ToHaveTextAsync("You need to change your password before you continue.");
        await Assertions.Expect(page.Locator($"#{PageElementIds.NewPassword}_help")).ToContainTextAsync("8-64 characters");
        await AccessibilityCheck.AssertAsync(page, "forced-01-change-page", output);

        await page.FillAsync($"#{PageElementIds.NewPassword}", temporary);
        await page.FillAsync($"#{PageElementIds.ReenterPassword}", temporary);
        await page.ClickAsync($"#{PageElementIds.Continue}");
        await Assertions.Expect(page.Locator(".entry-item:has(#newPassword) .error.itemLevel")).ToHaveTextAsync("Your new password must be different from your current password.");
        await AccessibilityCheck.AssertAsync(page, "forced-02-same-password", output);

        await page.FillAsync($"#{PageElementIds.NewPassword}", "Chosen-Pass-2");
        await page.FillAsync($"#{PageElementIds.ReenterPassword}", "Chosen-Pass-3");
        await page.ClickAsync($"#{PageElementIds.Continue}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.ErrorMessage}"))
            .ToHaveTextAsync("The password entry fields do not match. Please enter the same password in both fields and try again.");
        await AccessibilityCheck.AssertAsync(page, "forced-03-mismatch", output);

        await page.FillAsync($"#{PageElementIds.NewPassword}", "Chosen-Pass-2");
        await page.FillAsync($"#{PageElementIds.ReenterPassword}", "Chosen-Pass-2");
        await page.ClickAsync($"#{PageElementIds.Continue}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);
        await Chromium.ScreenshotAsync(page, "forced-04-back-at-app", output);

        var fragment = new Uri(page.Url).Fragment;
        Assert.Contains("id_token=", fragment, StringComparison.Ordinal);
        Assert.Contains("state=s1", fragment, StringComparison.Ordinal);
        Assert.False(await server.WithDbAsync(db => db.Users.Where(a => a.Id == account.Id).Select(a => a.ForceChangePasswordNextSignIn).SingleAsync()));
        await page.Context.CloseAsync();
    }
}
