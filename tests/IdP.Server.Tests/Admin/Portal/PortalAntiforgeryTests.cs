using AngleSharp.Html.Dom;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// Every form the portal's pages show, posted by a signed-in administrator's browser without its antiforgery token (as a
/// forged cross-site form would post it), is refused with the 400 page before its handler runs.
/// </summary>
public abstract class PortalAntiforgeryTests(IdPFactory factory)
{
    [Fact]
    public async Task Every_portal_form_posted_without_the_antiforgery_token_is_refused()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var group = await factory.CreateGroupAsync("forms-" + Guid.NewGuid().ToString("N")[..6]);
        await factory.AddToGroupAsync(group.Id, user.Account.Id);
        string[] pages =
        [
            "/admin/users/new",
            $"/admin/users/{user.Account.Id:D}",
            "/admin/groups",
            $"/admin/groups/{group.Id:D}",
            "/admin/applications/new",
            $"/admin/applications/{client.ClientId}",
            "/admin/user-flows",
            $"/admin/user-flows/{IdPFactory.SignInPolicy}",
            "/admin/branding",
            "/admin/branding/strings/en",
            "/admin/password-reset",
        ];

        var posted = 0;
        foreach (var path in pages)
        {
            var page = await browser.NavigateAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var forms = page.Document!.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
                .ToList();
            Assert.NotEmpty(forms);
            foreach (var form in forms)
            {
                var action = new Uri(page.Url, form.GetAttribute("action") ?? page.Url.PathAndQuery);
                var fields = form.Elements.OfType<IHtmlInputElement>()
                    .Where(i => !string.IsNullOrEmpty(i.Name) && i.Name != "__RequestVerificationToken" && i.Type is not ("submit" or "button" or "file"))
                    .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
                    .ToList();
                Assert.Contains(form.Elements.OfType<IHtmlInputElement>(), i => i.Name == "__RequestVerificationToken");

                var answer = await browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) });

                Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{action} (form #{form.Id}) without the token answered {(int)answer.Status} at {answer.Url}");
                Assert.Contains("expired", answer.Text(PageElementIds.ErrorMessage), StringComparison.OrdinalIgnoreCase);
                posted++;
            }
        }

        // Nothing the refused forms would have changed did: the user, the group and the application are as they were.
        Assert.True(posted >= pages.Length, $"Only {posted} forms were found on {pages.Length} pages.");
        Assert.True(await factory.WithDbAsync(db => db.Users.AsNoTracking().Where(a => a.Id == user.Account.Id).Select(a => a.Enabled).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.GroupMembers.AsNoTracking().AnyAsync(m => m.GroupId == group.Id && m.AccountId == user.Account.Id)));
        Assert.True(await factory.WithDbAsync(db => db.Applications.AsNoTracking().AnyAsync(a => a.ClientId == client.ClientId)));
    }
}

[Collection(PortalOnSqlite.Name)]
public sealed class PortalAntiforgeryTestsOnSqlite(PortalFactory<Sqlite> factory) : PortalAntiforgeryTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class PortalAntiforgeryTestsOnPostgres(PortalFactory<Postgres> factory) : PortalAntiforgeryTests(factory);
