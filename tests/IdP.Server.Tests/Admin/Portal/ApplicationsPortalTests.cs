namespace IdP.Server.Tests.Admin.Portal;

/// <summary>The portal's app registrations: register, platforms and reply URLs, API and permissions, secrets shown once, delete after a confirmation.</summary>
public abstract class ApplicationsPortalTests(IdPFactory factory)
{
    [Fact]
    public async Task A_web_app_with_a_secret_and_an_API_with_a_scope_are_registered_and_the_secret_works_once_shown()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var apiName = $"api{Guid.NewGuid():N}"[..16];

        var form = await browser.NavigateAsync("/admin/applications/new");
        Assert.True(Guid.TryParse(form.ById("Input_ClientId")!.GetAttribute("value"), out _));
        var api = await browser.ClickAsync(form, "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Tasks API",
            ["Input.AppIdUri"] = $"https://{IdPFactory.TenantDomain}/{apiName}",
            ["Input.ApiScopes"] = "tasks.read: Read tasks\ntasks.write",
        });
        Assert.Equal("Tasks API", api.Text("application-title"));

        var webForm = await browser.NavigateAsync("/admin/applications/new");
        Assert.NotNull(webForm.Document!.QuerySelector($"#api-permissions input[value='https://{IdPFactory.TenantDomain}/{apiName}/tasks.read']"));
        var web = await browser.ClickAsync(webForm, "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Tasks web",
            ["Input.RedirectUris"] = "https://tasks.test/signin-oidc\r\nhttps://tasks.test/other",
            ["Input.ApiPermissions"] = $"https://{IdPFactory.TenantDomain}/{apiName}/tasks.read",
        });
        var clientId = web.Text("client-id")!;
        var details = await DetailsAsync(clientId);
        Assert.Equal(["https://tasks.test/signin-oidc", "https://tasks.test/other"], details.RedirectUris);
        Assert.Equal([$"https://{IdPFactory.TenantDomain}/{apiName}/tasks.read"], details.ApiPermissions);

        var withSecret = await browser.ClickAsync(web, "add-secret", new Dictionary<string, string> { ["SecretInput.Description"] = "CI", ["SecretInput.Months"] = "6" });
        var secret = withSecret.Text("new-secret-value")!;
        Assert.False(string.IsNullOrEmpty(secret));
        Assert.Equal("Confidential (has secrets)", withSecret.Text("client-type"));
        var again = await browser.NavigateAsync($"/admin/applications/{clientId}");
        Assert.Null(again.ById("new-secret-value"));
        Assert.DoesNotContain(secret, again.Body, StringComparison.Ordinal);

        // The secret shown is the secret that works: a client credentials grant for the API's scope.
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Tasks web") { RedirectUris = details.RedirectUris, ApiPermissions = details.ApiPermissions, AllowClientCredentials = true, KeepConfiguredSecrets = true });
        using var http = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = $"https://{IdPFactory.TenantDomain}/{apiName}/.default" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_bad_reply_URL_is_shown_next_to_its_platform_and_nothing_is_registered()
    {
        var refused = await RegisterRefusedAsync(_ => new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Bad",
            ["Input.RedirectUris"] = "https://ok.test/cb\nnot a url",
        });

        Assert.NotEmpty(refused.FieldErrors("Input_RedirectUris"));
        Assert.Contains("not a url", refused.ById("Input_RedirectUris")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scope_named_as_the_admin_apis_is_refused_next_to_the_scopes_and_nothing_is_registered()
    {
        var refused = await RegisterRefusedAsync(clientId => new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Look-alike",
            ["Input.AppIdUri"] = $"https://{IdPFactory.TenantDomain}/{clientId}",
            ["Input.ApiScopes"] = "idp.admin: Looks like the admin scope",
        });

        Assert.Equal(["'idp.admin' is reserved for the server's admin API: choose another scope name."], refused.FieldErrors("Input_ApiScopes"));
    }

    /// <summary>Posts the new-application form with <paramref name="fields"/> (given the form's client id); the page answers with the form again and nothing is registered.</summary>
    private async Task<Navigation> RegisterRefusedAsync(Func<string, Dictionary<string, string>> fields)
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var form = await browser.NavigateAsync("/admin/applications/new");
        var clientId = form.ById("Input_ClientId")!.GetAttribute("value")!;

        var refused = await browser.ClickAsync(form, "register", fields(clientId));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.IsType<AdminResult<ApplicationDetails>.NotFound>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(clientId, default)));
        return refused;
    }

    [Fact]
    public async Task Editing_changes_the_platforms_and_deleting_asks_first()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var clientId = $"app-{Guid.NewGuid():N}";
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Old name") { RedirectUris = ["https://old.test/cb"] });
        var page = await browser.NavigateAsync($"/admin/applications/{clientId}");
        Assert.Equal("https://old.test/cb", page.ById("Input_RedirectUris")!.TextContent.Trim());

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New name",
            ["Input.RedirectUris"] = "",
            ["Input.SpaRedirectUris"] = "https://spa.test/",
            ["Input.AllowImplicitIdToken"] = "true",
        });
        Assert.Equal("New name", saved.Text("application-title"));
        var details = await DetailsAsync(clientId);
        Assert.Empty(details.RedirectUris);
        Assert.Equal(["https://spa.test/"], details.SpaRedirectUris);
        Assert.True(details.AllowImplicitIdToken);

        var confirm = await browser.NavigateAsync(saved.ById("delete")!.GetAttribute("href")!);
        Assert.NotNull(confirm.ById("confirm-delete"));
        Assert.IsType<AdminResult<ApplicationDetails>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(clientId, default)));
        var deleted = await browser.ClickAsync(confirm, "confirm-delete-button");
        Assert.Equal("/admin/applications", deleted.Url.AbsolutePath);
        Assert.IsType<AdminResult<ApplicationDetails>.NotFound>(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppAdministration>().GetAsync(clientId, default)));
    }

    [Fact]
    public async Task The_servers_own_applications_are_listed_apart_and_cannot_be_edited()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;

        var list = await browser.NavigateAsync("/admin/applications");

        Assert.Contains("idp-admin-portal", list.ById("built-in-applications")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("idp-admin-portal", list.ById("applications")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.NavigateAsync("/admin/applications/idp-admin-portal")).Status);
    }

    private Task<ApplicationDetails> DetailsAsync(string clientId) =>
        factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<ApplicationDetails>.Done>(await sp.GetRequiredService<AppAdministration>().GetAsync(clientId, default)).Value);
}

[Collection(PortalOnSqlite.Name)]
public sealed class ApplicationsPortalTestsOnSqlite(PortalFactory<Sqlite> factory) : ApplicationsPortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class ApplicationsPortalTestsOnPostgres(PortalFactory<Postgres> factory) : ApplicationsPortalTests(factory);
