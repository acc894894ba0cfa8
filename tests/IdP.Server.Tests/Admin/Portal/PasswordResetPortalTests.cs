namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The portal's "Password reset" page: "Self service password reset enabled" None / Selected (a group) / All and Save,
/// stored in the database (the sign-in page sees it at once) and audited; errors next to the fields.
/// </summary>
public abstract class PasswordResetPortalTests(IdPFactory factory)
{
    [Fact]
    public async Task The_page_shows_the_three_options_with_the_current_one_checked_and_an_antiforgery_token()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        await SetModeAsync(PasswordResetMode.None);

        var page = await browser.NavigateAsync("/admin/password-reset");

        Assert.Equal("Self service password reset enabled", page.Document!.QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal(["None", "Selected", "All"], page.Document.QuerySelectorAll("input[name='Input.Mode']").Select(i => i.GetAttribute("value")!));
        Assert.True(page.ById("mode-None")!.HasAttribute("checked"));
        Assert.NotNull(page.Document.QuerySelector("#password-reset-form input[name=__RequestVerificationToken]"));
        Assert.Equal("Save", page.Text("save"));
    }

    [Fact]
    public async Task Saving_All_turns_reset_on_and_the_sign_in_page_shows_the_link()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        await SetModeAsync(PasswordResetMode.None);
        var page = await browser.NavigateAsync("/admin/password-reset");

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.Mode"] = "All" });

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Self service password reset enabled: All", saved.Text("notice"), StringComparison.Ordinal);
        Assert.True(saved.ById("mode-All")!.HasAttribute("checked"));
        Assert.Equal(PasswordResetMode.All, (await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().GetAsync(default))).Mode);

        using var visitor = factory.CreateBrowser();
        var client = await factory.RegisterClientAsync();
        var signIn = await SignInPage.OpenAsync(visitor, client.Authorize());
        Assert.NotNull(signIn.ForgotPasswordHref);
    }

    [Fact]
    public async Task Selected_without_a_group_shows_the_error_next_to_the_group_picker_and_changes_nothing()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        await SetModeAsync(PasswordResetMode.None);
        var page = await browser.NavigateAsync("/admin/password-reset");

        var refused = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.Mode"] = "Selected", ["Input.GroupId"] = "" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Choose the group whose members may reset their password.", refused.FieldErrors("groupId"));
        Assert.Equal(PasswordResetMode.None, (await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().GetAsync(default))).Mode);
    }

    [Fact]
    public async Task Selected_with_a_group_is_saved_with_that_group()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var group = await factory.WithScopeAsync(async sp => Assert.IsType<IdP.Core.Administration.AdminResult<IdP.Core.Groups.GroupDetails>.Done>(
            await sp.GetRequiredService<IdP.Core.Groups.GroupAdministration>().CreateAsync(new IdP.Core.Groups.GroupInput { Name = $"Resetters {Guid.NewGuid():N}" }, "test", default)).Value);
        var page = await browser.NavigateAsync("/admin/password-reset");

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.Mode"] = "Selected", ["Input.GroupId"] = group.Id.ToString() });

        Assert.Equal(group.Id.ToString(), saved.Selected("groupId"));
        var settings = await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().GetAsync(default));
        Assert.Equal((PasswordResetMode.Selected, group.Id), (settings.Mode, settings.GroupId));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_changes_nothing()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        await SetModeAsync(PasswordResetMode.None);

        using var response = await browser.Client.PostAsync("/admin/password-reset", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Mode"] = "All" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(PasswordResetMode.None, (await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().GetAsync(default))).Mode);
    }

    private Task SetModeAsync(PasswordResetMode mode) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().ChangeAsync(new PasswordResetSettings(mode, null), default));
}

[Collection(PortalOnSqlite.Name)]
public sealed class PasswordResetPortalTestsOnSqlite(PortalFactory<Sqlite> factory) : PasswordResetPortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class PasswordResetPortalTestsOnPostgres(PortalFactory<Postgres> factory) : PasswordResetPortalTests(factory);
