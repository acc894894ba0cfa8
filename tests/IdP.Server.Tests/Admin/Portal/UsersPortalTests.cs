namespace IdP.Server.Tests.Admin.Portal;

/// <summary>The portal's users pages: list with search and paging, create, edit, block, set password, revoke, delete after a confirmation.</summary>
public abstract class UsersPortalTests(IdPFactory factory)
{
    [Fact]
    public async Task An_administrator_creates_a_user_and_finds_it_by_searching()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var email = $"new-{Guid.NewGuid():N}@example.com";
        var form = await browser.NavigateAsync("/admin/users/new");

        var created = await browser.ClickAsync(form, "create", new Dictionary<string, string>
        {
            ["Input.SignInEmail"] = email,
            ["Input.DisplayName"] = "Grace Hopper",
            ["Input.Password"] = "Compiler-Bug-1947",
        });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains(email, created.Text("notice"), StringComparison.Ordinal);
        Assert.Equal("Grace Hopper", created.Text("user-title"));
        var found = await browser.NavigateAsync($"/admin/users?search={Uri.EscapeDataString(email[..12])}");
        var row = Assert.Single(found.Document!.QuerySelectorAll("#users tbody tr"));
        Assert.Contains(email, row.TextContent, StringComparison.Ordinal);

        using var signIn = factory.CreateBrowser();
        var client = await factory.RegisterClientAsync();
        var tokens = await signIn.SignInAndRedeemAsync(client, new TestUser(email, "Compiler-Bug-1947", null!));
        Assert.False(string.IsNullOrEmpty(tokens["id_token"]));
    }

    [Fact]
    public async Task A_weak_password_and_a_taken_sign_in_name_are_shown_next_to_their_fields()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var form = await browser.NavigateAsync("/admin/users/new");

        var refused = await browser.ClickAsync(form, "create", new Dictionary<string, string>
        {
            ["Input.SignInEmail"] = admin.Email,
            ["Input.Password"] = "password",
        });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotEmpty(refused.FieldErrors("Input_Password"));
        Assert.Equal(admin.Email, refused.ById("Input_SignInEmail")!.GetAttribute("value"));
        var again = await browser.ClickAsync(refused, "create", new Dictionary<string, string> { ["Input.SignInEmail"] = admin.Email, ["Input.Password"] = "Strong-Enough-Pass-1" });
        Assert.NotEmpty(again.FieldErrors("Input_SignInEmail"));
    }

    [Fact]
    public async Task Blocking_a_user_ends_their_sign_in_and_is_audited_and_allowing_restores_it()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var user = await factory.CreateUserAsync();
        var page = await browser.NavigateAsync($"/admin/users/{user.Account.Id}");

        var blocked = await browser.ClickAsync(page, "disable");

        Assert.Equal("Disabled", blocked.Text("account-state"));
        Assert.Contains(AdminEventTypes.UserDisabled, await EventTypesAsync(user.Account.Id));
        var entries = await factory.WithScopeAsync(sp => sp.GetRequiredService<AuditQuery>().FindAsync(new AuditFilter(AdminEventTypes.UserDisabled, user.Account.Id), 1, 10, default));
        Assert.Equal($"idp-admin-portal:{admin.Account.Id}", Assert.Single(Assert.IsType<AdminResult<Paged<AuditEntry>>.Done>(entries).Value.Items).ClientId);

        var allowed = await browser.ClickAsync(blocked, "enable");
        Assert.Equal("Enabled", allowed.Text("account-state"));
    }

    [Fact]
    public async Task Setting_a_password_checks_complexity_next_to_the_field_then_changes_it()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var user = await factory.CreateUserAsync();
        var page = await browser.NavigateAsync($"/admin/users/{user.Account.Id}");

        var weak = await browser.ClickAsync(page, "set-password", new Dictionary<string, string> { ["NewPassword"] = "short" });
        Assert.NotEmpty(weak.FieldErrors("NewPassword"));

        var set = await browser.ClickAsync(weak, "set-password", new Dictionary<string, string> { ["NewPassword"] = "Another-Strong-Pass-2" });
        Assert.Contains("Password set", set.Text("notice"), StringComparison.Ordinal);
        Assert.Contains(AdminEventTypes.UserPasswordSet, await EventTypesAsync(user.Account.Id));
        var revoked = await browser.ClickAsync(set, "revoke-sessions");
        Assert.Contains(AdminEventTypes.UserSessionsRevoked, await EventTypesAsync(user.Account.Id));
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
    }

    [Fact]
    public async Task A_password_is_made_temporary_by_a_checkbox_on_creation_and_when_set_and_the_user_page_says_so()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var form = await browser.NavigateAsync("/admin/users/new");
        Assert.Equal("Require a password change at next sign-in", form.Document!.QuerySelector("label:has(#Input_ForceChangePasswordNextSignIn)")?.TextContent.Trim());

        var created = await browser.ClickAsync(form, "create", new Dictionary<string, string>
        {
            ["Input.SignInEmail"] = $"temp-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "Temporary-Pass-77",
            ["Input.ForceChangePasswordNextSignIn"] = "true",
        });
        var id = Guid.Parse(created.Url.AbsolutePath.Split('/')[^1]);
        Assert.NotNull(created.ById("must-change-password"));
        Assert.True(await MustChangeAsync(id));
        Assert.Equal("Require a password change at next sign-in", created.Document!.QuerySelector("label:has(#ForceChangePasswordNextSignIn)")?.TextContent.Trim());

        var kept = await browser.ClickAsync(created, "set-password", new Dictionary<string, string> { ["NewPassword"] = "Permanent-Pass-78" });
        Assert.Contains("Password set", kept.Text("notice"), StringComparison.Ordinal);
        Assert.Null(kept.ById("must-change-password"));
        Assert.False(await MustChangeAsync(id));

        var temporary = await browser.ClickAsync(kept, "set-password", new Dictionary<string, string> { ["NewPassword"] = "Temporary-Pass-79", ["ForceChangePasswordNextSignIn"] = "true" });
        Assert.NotNull(temporary.ById("must-change-password"));
        Assert.True(await MustChangeAsync(id));
    }

    private Task<bool> MustChangeAsync(Guid id) => factory.WithDbAsync(db => db.Users.Where(a => a.Id == id).Select(a => a.ForceChangePasswordNextSignIn).SingleAsync());

    [Fact]
    public async Task Deleting_asks_for_confirmation_first_and_then_removes_the_user()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var user = await factory.CreateUserAsync();
        var page = await browser.NavigateAsync($"/admin/users/{user.Account.Id}");
        Assert.Null(page.ById("confirm-delete"));

        var confirm = await browser.NavigateAsync(page.ById("delete")!.GetAttribute("href")!);
        Assert.NotNull(confirm.ById("confirm-delete"));
        Assert.NotNull(await factory.WithScopeAsync(sp => sp.GetRequiredService<AccountService>().FindBySignInNameAsync(SignInNameKind.Email, user.Email, default)));

        var deleted = await browser.ClickAsync(confirm, "confirm-delete-button");

        Assert.Equal("/admin/users", deleted.Url.AbsolutePath);
        Assert.Contains(user.Email, deleted.Text("notice"), StringComparison.Ordinal);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<AccountService>().FindBySignInNameAsync(SignInNameKind.Email, user.Email, default)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.NavigateAsync($"/admin/users/{user.Account.Id}")).Status);
    }

    [Fact]
    public async Task An_administrator_cannot_delete_their_own_account()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var confirm = await browser.NavigateAsync($"/admin/users/{admin.Account.Id}?handler=Delete");

        var refused = await browser.ClickAsync(confirm, "confirm-delete-button");

        Assert.Contains("signed in with", refused.Text("errorMessage"), StringComparison.Ordinal);
        Assert.NotNull(await factory.WithScopeAsync(sp => sp.GetRequiredService<AccountService>().FindBySignInNameAsync(SignInNameKind.Email, admin.Email, default)));
    }

    [Fact]
    public async Task The_list_is_paged_and_the_search_is_kept_across_pages()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var prefix = $"pg{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 27; i++)
        {
            await factory.CreateAccountAsync($"{prefix}-{i:D2}@example.com", UserStories.Password);
        }

        var first = await browser.NavigateAsync($"/admin/users?search={prefix}");
        Assert.Equal(25, first.Document!.QuerySelectorAll("#users tbody tr").Length);
        Assert.Null(first.ById("previous-page"));

        var second = await browser.NavigateAsync(first.ById("next-page")!.GetAttribute("href")!);
        Assert.Equal(2, second.Document!.QuerySelectorAll("#users tbody tr").Length);
        Assert.Contains("Page 2 of 2 (27 in all)", second.Text("pager"), StringComparison.Ordinal);
        Assert.Equal(prefix, second.ById("search")!.GetAttribute("value"));
    }

    private async Task<List<string>> EventTypesAsync(Guid accountId)
    {
        var events = await factory.WithScopeAsync(sp => sp.GetRequiredService<AuditQuery>().FindAsync(new AuditFilter(AccountId: accountId), 1, 100, default));
        return [.. Assert.IsType<AdminResult<Paged<AuditEntry>>.Done>(events).Value.Items.Select(e => e.Type)];
    }
}

[Collection(PortalOnSqlite.Name)]
public sealed class UsersPortalTestsOnSqlite(PortalFactory<Sqlite> factory) : UsersPortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class UsersPortalTestsOnPostgres(PortalFactory<Postgres> factory) : UsersPortalTests(factory);
