using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// A person who forgot their password, in a real browser: from the app to the sign-in page, "Can't access your
/// account?", the code from their mailbox (the test SMTP server), a new password, and back at the app signed in.
/// </summary>
public sealed class PasswordResetBrowserTests(ResetBrowserFactory server, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<ResetBrowserFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_person_resets_a_forgotten_password_and_lands_signed_in_at_the_app()
    {
        const string email = "grace@example.com";
        var authorize = await BrowserApp.RegisterAsync(server, "browser-reset-app");
        await server.CreateAccountAsync(email, "Forgotten-Pass-1");

        var page = await chromium.NewPageAsync();
        await BrowserApp.AnswerOnAsync(page);

        await page.GotoAsync(authorize);
        var link = page.Locator($"#{PageElementIds.ForgotPassword}");
        await Assertions.Expect(link).ToHaveTextAsync("Can't access your account?");
        await Chromium.ScreenshotAsync(page, "reset-01-sign-in", output);

        await link.ClickAsync();
        await Assertions.Expect(page.Locator("#api h2")).ToHaveTextAsync("Reset password using email address");
        await Chromium.ScreenshotAsync(page, "reset-02-step-one", output);

        await page.FillAsync($"#{PageElementIds.Email}", email);
        await page.ClickAsync($"#{PageElementIds.EmailVerifySend}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.EmailVerifyInfo}"))
            .ToHaveTextAsync("Verification code has been sent to your inbox. Please copy it to the input box below.");
        await Chromium.ScreenshotAsync(page, "reset-03-code-sent", output);

        var code = await server.Smtp.WaitForCodeAsync(email);
        await page.FillAsync($"#{PageElementIds.EmailVerifyInput}", code == "000000" ? "000001" : "000000");
        await page.ClickAsync($"#{PageElementIds.EmailVerifyVerify}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.ErrorMessage}")).ToHaveTextAsync("That code is incorrect. Please try again.");
        await Chromium.ScreenshotAsync(page, "reset-04-wrong-code", output);

        await page.FillAsync($"#{PageElementIds.EmailVerifyInput}", code);
        await page.ClickAsync($"#{PageElementIds.EmailVerifyVerify}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.EmailVerifySuccess}")).ToHaveTextAsync("E-mail address verified. You can now continue.");
        await Assertions.Expect(page.Locator($"#{PageElementIds.EmailVerifyEdit}")).ToHaveTextAsync("Change e-mail");
        await Chromium.ScreenshotAsync(page, "reset-05-verified", output);

        await page.ClickAsync($"#{PageElementIds.Continue}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.NewPassword}")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#{PageElementIds.NewPassword}_help")).ToContainTextAsync("8-64 characters");
        await page.FillAsync($"#{PageElementIds.NewPassword}", "Remembered-Pass-2");
        await page.FillAsync($"#{PageElementIds.ReenterPassword}", "Remembered-Pass-3");
        await page.ClickAsync($"#{PageElementIds.Continue}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.ErrorMessage}"))
            .ToHaveTextAsync("The password entry fields do not match. Please enter the same password in both fields and try again.");
        await Chromium.ScreenshotAsync(page, "reset-06-mismatch", output);

        await page.FillAsync($"#{PageElementIds.NewPassword}", "Remembered-Pass-2");
        await page.FillAsync($"#{PageElementIds.ReenterPassword}", "Remembered-Pass-2");
        await page.ClickAsync($"#{PageElementIds.Continue}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);
        await Chromium.ScreenshotAsync(page, "reset-07-back-at-app", output);

        var fragment = new Uri(page.Url).Fragment;
        Assert.Contains("id_token=", fragment, StringComparison.Ordinal);
        Assert.Contains("state=s1", fragment, StringComparison.Ordinal);

        // The audit trail has the person's address and browser, never the code or the password.
        var events = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEvents.Where(e => e.ClientId == "browser-reset-app")));
        Assert.Contains(events, e => e.Type == IdP.Core.Audit.AuditEventTypes.PasswordChanged);
        Assert.All(events, e =>
        {
            Assert.Equal("127.0.0.1", e.IpAddress);
            Assert.Contains("Chrome", e.UserAgent, StringComparison.Ordinal);
            Assert.DoesNotContain(code, e.Details ?? "", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task With_JavaScript_off_the_reset_buttons_and_cancel_work_and_cancel_tells_the_app()
    {
        var page = await chromium.NewPageAsync(javaScript: false);
        await BrowserApp.AnswerOnAsync(page);
        await page.GotoAsync(await BrowserApp.RegisterAsync(server, "browser-nojs-app"));

        await page.ClickAsync($"#{PageElementIds.Next}");
        await Assertions.Expect(page.Locator(".entry-item:has(#password) .error.itemLevel")).ToHaveTextAsync("Please enter your password");
        await page.ClickAsync($"#{PageElementIds.ForgotPassword}");
        await page.FillAsync($"#{PageElementIds.Email}", "nobody-" + Guid.NewGuid().ToString("N")[..8] + "@example.com");
        await page.ClickAsync($"#{PageElementIds.EmailVerifySend}");
        await Assertions.Expect(page.Locator($"#{PageElementIds.EmailVerifyInfo}")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "nojs-01-code-sent", output);

        await page.ClickAsync($"#{PageElementIds.Cancel}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);
        var received = Uri.UnescapeDataString(new Uri(page.Url).Fragment);
        Assert.Contains("error=access_denied", received, StringComparison.Ordinal);
        Assert.Contains(B2CErrorCodes.UserCancelled, received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_JavaScript_off_the_hand_off_button_tells_the_app_AADB2C90118()
    {
        var policy = ("B2C_1_handoff" + Guid.NewGuid().ToString("N"))[..30];
        await server.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", PasswordResetBehavior = PasswordResetBehavior.HandOff });
        var page = await chromium.NewPageAsync(javaScript: false);
        await BrowserApp.AnswerOnAsync(page);
        await page.GotoAsync(await BrowserApp.RegisterAsync(server, "browser-handoff-app", policy));
        await Assertions.Expect(page.Locator($"button#{PageElementIds.ForgotPassword}")).ToHaveTextAsync("Can't access your account?");
        await Chromium.ScreenshotAsync(page, "nojs-02-hand-off-sign-in", output);

        await page.ClickAsync($"#{PageElementIds.ForgotPassword}");
        await page.WaitForURLAsync(BrowserApp.AnyUrl);
        Assert.Contains(B2CErrorCodes.ForgotPassword, Uri.UnescapeDataString(new Uri(page.Url).Fragment), StringComparison.Ordinal);
    }
}

/// <summary>The Kestrel-hosted server with reset on and its mail going to an in-process SMTP server.</summary>
public sealed class ResetBrowserFactory : BrowserIdPFactory
{
    public ResetBrowserFactory() => Smtp = ResetServer.Prepare(this);

    public TestSmtpServer Smtp { get; }
}
