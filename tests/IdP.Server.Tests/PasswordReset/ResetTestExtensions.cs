using IdP.Core.Groups;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>What reset tests arrange through the server's own services, and the walk from an app to step 1.</summary>
public static class ResetTestExtensions
{
    /// <summary>Sets the tenant's reset switch as the admin API will.</summary>
    public static Task SetResetModeAsync(this IdPFactory factory, PasswordResetMode mode, Guid? groupId = null) =>
        factory.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<PasswordResetSettingsService>().ChangeAsync(new PasswordResetSettings(mode, groupId), CancellationToken.None);
            Assert.IsType<PasswordResetSettingsChange.Saved>(result);
        });

    public static Task<Group> CreateGroupAsync(this IdPFactory factory, string name) =>
        factory.WithScopeAsync(async sp => ((GroupChange.Saved)await sp.GetRequiredService<GroupService>().CreateAsync(name, null, CancellationToken.None)).Group);

    public static Task AddToGroupAsync(this IdPFactory factory, Guid groupId, Guid accountId) =>
        factory.WithScopeAsync(async sp => Assert.IsType<GroupChange.Saved>(await sp.GetRequiredService<GroupService>().AddMemberAsync(groupId, accountId, CancellationToken.None)));

    public static Task DisableAccountAsync(this IdPFactory factory, Guid accountId) =>
        factory.WithDbAsync(db => db.Users.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Enabled, false)));

    /// <summary>Opens the app's authorize request, then follows "Can't access your account?" to step 1.</summary>
    public static async Task<ResetPasswordPage> OpenResetFromSignInAsync(this Browser browser, AuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(request);
        var signIn = await SignInPage.OpenAsync(browser, request);
        Assert.NotNull(signIn.ForgotPasswordHref);
        return ResetPasswordPage.On(browser, await browser.NavigateAsync(signIn.ForgotPasswordHref));
    }

    /// <summary>Step 1 from start to verified, reading the code from the mail: returns the page showing "verified".</summary>
    public static async Task<ResetPasswordPage> VerifyAddressAsync(this ResetPasswordPage page, Browser browser, TestSmtpServer smtp, string email, string? username = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(smtp);
        var before = smtp.To(email).Count;
        var sent = ResetPasswordPage.On(browser, await page.SendCodeAsync(email, username));
        var code = await smtp.WaitForCodeAsync(email, before + 1);
        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.Equal("E-mail address verified. You can now continue.", verified.Success);
        return verified;
    }

    /// <summary>The same form post without its <c>__RequestVerificationToken</c> field, as a forged cross-site form would send it.</summary>
    public static async Task<HttpRequestMessage> WithoutAntiforgeryTokenAsync(HttpRequestMessage post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var fields = QueryHelpers.ParseQuery(await post.Content!.ReadAsStringAsync())
            .Where(f => f.Key != "__RequestVerificationToken")
            .Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString()));
        post.Content = new FormUrlEncodedContent(fields);
        Assert.DoesNotContain("__RequestVerificationToken", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return post;
    }
}
