using IdP.Core.Groups;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>The portal's groups (create, members, delete after a confirmation) and audit log (filters, paging, errors next to the filter).</summary>
public abstract class GroupsAndAuditPortalTests(IdPFactory factory)
{
    [Fact]
    public async Task A_group_is_created_members_are_added_by_sign_in_name_and_removed()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var member = await factory.CreateUserAsync();
        var name = $"Support {Guid.NewGuid():N}";
        var list = await browser.NavigateAsync("/admin/groups");

        var group = await browser.ClickAsync(list, "create-group", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Description"] = "Desk" });
        Assert.Equal(name, group.Text("group-title"));

        var unknown = await browser.ClickAsync(group, "add-member", new Dictionary<string, string> { ["MemberSignInName"] = "nobody@example.com" });
        Assert.Contains("No user has this sign-in name.", unknown.FieldErrors("MemberSignInName"));

        var added = await browser.ClickAsync(unknown, "add-member", new Dictionary<string, string> { ["MemberSignInName"] = member.Email });
        var row = Assert.Single(added.Document!.QuerySelectorAll("#members tbody tr"));
        Assert.Equal(member.Account.Id.ToString(), row.GetAttribute("data-user-id"));

        var removed = await browser.ClickAsync(added, $"remove-member-{member.Account.Id}");
        Assert.Empty(removed.Document!.QuerySelectorAll("#members tbody tr"));
    }

    [Fact]
    public async Task A_duplicate_name_is_shown_next_to_the_field_and_the_reset_group_cannot_be_deleted()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"Resetters {Guid.NewGuid():N}";
        var group = await factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<GroupDetails>.Done>(await sp.GetRequiredService<GroupAdministration>().CreateAsync(new GroupInput { Name = name }, "test", default)).Value);

        var list = await browser.NavigateAsync("/admin/groups");
        var duplicate = await browser.ClickAsync(list, "create-group", new Dictionary<string, string> { ["Input.Name"] = name });
        Assert.NotEmpty(duplicate.FieldErrors("Input_Name"));

        await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().ChangeAsync(new PasswordResetSettings(PasswordResetMode.Selected, group.Id), default));
        try
        {
            var confirm = await browser.NavigateAsync($"/admin/groups/{group.Id}?handler=Delete");
            Assert.NotNull(confirm.ById("confirm-delete"));
            var refused = await browser.ClickAsync(confirm, "confirm-delete-button");
            Assert.False(string.IsNullOrEmpty(refused.Text("errorMessage")));
            Assert.IsType<AdminResult<GroupDetails>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<GroupAdministration>().GetAsync(group.Id, default)));
        }
        finally
        {
            await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().ChangeAsync(PasswordResetSettings.Off, default));
        }

        var deletable = await browser.NavigateAsync($"/admin/groups/{group.Id}?handler=Delete");
        var deleted = await browser.ClickAsync(deletable, "confirm-delete-button");
        Assert.Equal("/admin/groups", deleted.Url.AbsolutePath);
    }

    [Fact]
    public async Task The_audit_log_shows_portal_changes_filtered_by_type_and_account()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var user = await factory.CreateUserAsync();
        var page = await browser.NavigateAsync($"/admin/users/{user.Account.Id}");
        await browser.ClickAsync(page, "disable");

        var log = await browser.NavigateAsync($"/admin/audit-log?type=admin.user.disabled&account={user.Account.Id}");

        var row = Assert.Single(log.Document!.QuerySelectorAll("#audit-events tbody tr"));
        Assert.Equal("admin.user.disabled", row.GetAttribute("data-type"));
        Assert.Contains($"idp-admin-portal:{admin.Account.Id}", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_shows_the_latest_change_even_when_many_sign_ins_came_after_it()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"Night shift {Guid.NewGuid():N}";
        Assert.IsType<AdminResult<GroupDetails>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<GroupAdministration>().CreateAsync(new GroupInput { Name = name }, "test", default)));
        await factory.WithDbAsync(async db =>
        {
            var after = await db.AuditEvents.MaxAsync(e => e.OccurredAt);
            db.AuditEvents.AddRange(Enumerable.Range(1, 250).Select(i => new AuditEvent { Type = "signin.succeeded", OccurredAt = after.AddSeconds(i) }));
            return await db.SaveChangesAsync();
        });

        var home = await browser.NavigateAsync("/admin");

        var rows = home.Document!.QuerySelectorAll("#recent-events tbody tr");
        Assert.Contains(rows, r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.StartsWith("admin.", r.QuerySelector("code")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_filters_are_shown_next_to_their_field_not_as_a_500()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;

        var page = await browser.NavigateAsync("/admin/audit-log?account=not-a-guid&from=2026-02-01T00:00&to=2026-01-01T00:00");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotEmpty(page.FieldErrors("account"));
        var swapped = await browser.NavigateAsync("/admin/audit-log?from=2026-02-01T00:00&to=2026-01-01T00:00");
        Assert.NotEmpty(swapped.FieldErrors("to"));
        var garbage = await browser.NavigateAsync("/admin/audit-log?from=yesterday&pageNumber=-4");
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
        Assert.NotEmpty(garbage.FieldErrors("from"));
    }
}

[Collection(PortalOnSqlite.Name)]
public sealed class GroupsAndAuditPortalTestsOnSqlite(PortalFactory<Sqlite> factory) : GroupsAndAuditPortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class GroupsAndAuditPortalTestsOnPostgres(PortalFactory<Postgres> factory) : GroupsAndAuditPortalTests(factory);
