using IdP.Core.Passwords;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>The portal's user flows: B2C's "Run user flow" panel, properties with errors next to the fields, create and delete.</summary>
public abstract class UserFlowsPortalTests(IdPFactory factory)
{
    private const string FlowPage = $"/admin/user-flows/{IdPFactory.SignInPolicy}";

    [Fact]
    public async Task The_run_panel_defaults_to_the_built_in_viewer_and_its_endpoint_runs_the_flow()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;

        var page = await browser.NavigateAsync(FlowPage);

        var endpoint = page.Text("run-endpoint")!;
        Assert.Equal($"{IdPFactory.Origin}/{IdPFactory.TenantDomain}/{IdPFactory.SignInPolicy}/run-now", endpoint);
        Assert.Equal(endpoint, page.ById("run-button")!.GetAttribute("href"));
        Assert.Equal("run-endpoint", page.Document!.QuerySelector("button.copy")!.GetAttribute("data-copy"));
        Assert.Equal($"{IdPFactory.Origin}/{IdPFactory.TenantDomain}/run-now/result", page.Selected("run-reply-url"));

        using var runner = factory.CreateBrowser();
        var signIn = SignInPage.On(runner, await runner.NavigateAsync(endpoint));
        var viewer = await RunNowViewerPage.ReceiveAsync(runner, await signIn.SignInAsync(admin.Email, admin.Password));
        Assert.Equal("tokens", viewer.Outcome);
    }

    [Fact]
    public async Task Picking_an_application_reply_URL_and_scopes_builds_a_code_flow_endpoint()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var api = $"api-{Guid.NewGuid():N}";
        await factory.RegisterAppAsync(new AppRegistration(api, "Orders API") { AppIdUri = $"https://{IdPFactory.TenantDomain}/{api}", ApiScopes = [new ApiScope("orders.read")] });
        var web = $"web-{Guid.NewGuid():N}";
        var scope = $"https://{IdPFactory.TenantDomain}/{api}/orders.read";
        await factory.RegisterAppAsync(new AppRegistration(web, "Orders web") { RedirectUris = ["https://orders.test/a", "https://orders.test/b"], ApiPermissions = [scope] });

        // The panel is a GET form (the test browser posts forms, so the query is written as a browser would send it).
        var first = await browser.NavigateAsync(FlowPage);
        Assert.Equal("get", first.ById("run-now-form")!.GetAttribute("method"));
        var chosen = await browser.NavigateAsync($"{FlowPage}?application={web}");
        Assert.Equal(["https://orders.test/a", "https://orders.test/b"], chosen.Document!.QuerySelectorAll("#run-reply-url option").Select(o => o.GetAttribute("value")!));
        Assert.Equal(scope, chosen.Document.QuerySelector("#run-now-form input[name=scopes]")!.GetAttribute("value"));
        var withScope = await browser.NavigateAsync(QueryHelpers.AddQueryString(FlowPage, new Dictionary<string, string?>
        {
            ["application"] = web,
            ["replyUrl"] = "https://orders.test/b",
            ["responseType"] = "code",
            ["scopes"] = scope,
        }));

        var endpoint = new Uri(withScope.Text("run-endpoint")!);
        var query = QueryHelpers.ParseQuery(endpoint.Query);
        Assert.Equal(web, query["client_id"].ToString());
        Assert.Equal("https://orders.test/b", query["redirect_uri"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal(scope, query["scope"].ToString());
    }

    [Fact]
    public async Task A_property_out_of_range_is_shown_next_to_its_field_and_a_good_one_is_saved()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_portal{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "" });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");

        var refused = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.AccessAndIdTokenLifetimeMinutes"] = "1" });
        Assert.NotEmpty(refused.FieldErrors("Input_AccessAndIdTokenLifetimeMinutes"));

        var saved = await browser.ClickAsync(refused, "save", new Dictionary<string, string> { ["Input.AccessAndIdTokenLifetimeMinutes"] = "30", ["Input.PolicyClaim"] = "Acr" });
        Assert.Equal("Saved.", saved.Text("notice"));
        var flow = await factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().GetAsync(name, default)).Value);
        Assert.Equal((30, PolicyClaim.Acr), (flow.AccessAndIdTokenLifetimeMinutes, flow.PolicyClaim));
    }

    [Fact]
    public async Task Custom_complexity_with_the_numbers_only_character_set_is_saved_shown_and_kept_when_saving_again()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_pin{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "", Type = UserFlowType.PasswordReset });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal(["false", "true"], page.Document!.QuerySelectorAll("#Input_NumbersOnly option").Select(o => o.GetAttribute("value")));
        Assert.Equal("All", page.Document.QuerySelector("#Input_NumbersOnly option[selected]")?.TextContent);

        // The classes field (3 from Strong) does not apply to numbers only, as on B2C's blade.
        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string>
        {
            ["Input.ComplexityLevel"] = "Custom",
            ["Input.MinLength"] = "4",
            ["Input.MaxLength"] = "16",
            ["Input.RequiredClassCount"] = "3",
            ["Input.NumbersOnly"] = "true",
        });
        Assert.Equal("Saved.", saved.Text("notice"));
        Assert.Equal(PasswordComplexity.Custom(4, 16, 0, numbersOnly: true), await ComplexityAsync(name));
        var reopened = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Numbers only", reopened.Document!.QuerySelector("#Input_NumbersOnly option[selected]")?.TextContent);

        // Saving another property keeps the character set.
        var again = await browser.ClickAsync(reopened, "save", new Dictionary<string, string> { ["Input.SessionLifetimeMinutes"] = "60" });
        Assert.Equal("Saved.", again.Text("notice"));
        Assert.True((await ComplexityAsync(name)).NumbersOnly);

        // A minimum below B2C's 4 is refused next to the complexity.
        var refused = await browser.ClickAsync(again, "save", new Dictionary<string, string> { ["Input.MinLength"] = "3" });
        Assert.NotEmpty(refused.FieldErrors("Input_ComplexityLevel"));
        Assert.Equal(4, (await ComplexityAsync(name)).MinLength);
    }

    [Fact]
    public async Task Forced_password_reset_is_a_checkbox_off_by_default_saved_shown_and_kept_when_saving_again()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_frc{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "" });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Forced password reset", page.Document!.QuerySelector("label:has(#Input_ForcedPasswordReset)")?.TextContent.Trim());
        Assert.False(page.Document.QuerySelector("#Input_ForcedPasswordReset")!.HasAttribute("checked"));

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.ForcedPasswordReset"] = "true" });
        Assert.Equal("Saved.", saved.Text("notice"));
        Assert.True(await ForcedPasswordResetAsync(name));
        var reopened = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.True(reopened.Document!.QuerySelector("#Input_ForcedPasswordReset")!.HasAttribute("checked"));

        // Saving another property keeps it; unticked, it is off again.
        Assert.Equal("Saved.", (await browser.ClickAsync(reopened, "save", new Dictionary<string, string> { ["Input.SessionLifetimeMinutes"] = "60" })).Text("notice"));
        Assert.True(await ForcedPasswordResetAsync(name));
        var unticked = await browser.ClickAsync(await browser.NavigateAsync($"/admin/user-flows/{name}"), "save", new Dictionary<string, string> { ["Input.ForcedPasswordReset"] = "false" });
        Assert.Equal("Saved.", unticked.Text("notice"));
        Assert.False(await ForcedPasswordResetAsync(name));
    }

    [Fact]
    public async Task Keep_me_signed_in_is_a_checkbox_and_days_on_sign_in_flows_whose_out_of_range_days_are_refused_next_to_the_field()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_kms{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "" });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Enable keep me signed in session", page.Document!.QuerySelector("label:has(#Input_KeepMeSignedIn)")?.TextContent.Trim());
        Assert.False(page.Document.QuerySelector("#Input_KeepMeSignedIn")!.HasAttribute("checked"));
        Assert.Equal("30", page.Document.QuerySelector("#Input_KeepMeSignedInDays")?.GetAttribute("value"));

        var refused = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.KeepMeSignedIn"] = "true", ["Input.KeepMeSignedInDays"] = "91" });
        Assert.Equal(["Keep me signed in session (days) must be between 1 and 90; 91 is out of range."], refused.FieldErrors("Input_KeepMeSignedInDays"));
        Assert.False((await KeepMeSignedInAsync(name)).On);

        var saved = await browser.ClickAsync(refused, "save", new Dictionary<string, string> { ["Input.KeepMeSignedIn"] = "true", ["Input.KeepMeSignedInDays"] = "14" });
        Assert.Equal("Saved.", saved.Text("notice"));
        Assert.Equal((true, 14), await KeepMeSignedInAsync(name));

        // A password reset flow has neither field, as in B2C.
        var reset = $"B2C_1_kmr{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = reset, NormalizedName = "", Type = UserFlowType.PasswordReset });
        var resetPage = await browser.NavigateAsync($"/admin/user-flows/{reset}");
        Assert.Null(resetPage.ById("Input_KeepMeSignedIn"));
        Assert.Null(resetPage.ById("Input_KeepMeSignedInDays"));
    }

    [Theory]
    [InlineData(UserFlowType.SignIn)]
    [InlineData(UserFlowType.PasswordReset)]
    public async Task Require_id_token_in_logout_requests_is_a_checkbox_on_every_flow_in_English_and_French(UserFlowType type)
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_rit{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "", Type = type });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Require ID Token in logout requests", page.Document!.QuerySelector("label:has(#Input_RequireIdTokenInLogoutRequests)")?.TextContent.Trim());
        Assert.False(page.Document.QuerySelector("#Input_RequireIdTokenInLogoutRequests")!.HasAttribute("checked"));

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.RequireIdTokenInLogoutRequests"] = "true" });
        Assert.Equal("Saved.", saved.Text("notice"));
        Assert.True(await RequireIdTokenInLogoutAsync(name));
        Assert.True((await browser.NavigateAsync($"/admin/user-flows/{name}")).Document!.QuerySelector("#Input_RequireIdTokenInLogoutRequests")!.HasAttribute("checked"));

        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var french = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Exiger un jeton d’ID dans les demandes de déconnexion", french.Document!.QuerySelector("label:has(#Input_RequireIdTokenInLogoutRequests)")?.TextContent.Trim());
        Assert.NotNull((await browser.ClickAsync(french, "save", new Dictionary<string, string> { ["Input.RequireIdTokenInLogoutRequests"] = "false" })).Text("notice"));
        Assert.False(await RequireIdTokenInLogoutAsync(name));
    }

    [Theory]
    [InlineData(UserFlowType.SignIn)]
    [InlineData(UserFlowType.PasswordReset)]
    public async Task Single_sign_on_configuration_is_a_choice_of_B2Cs_four_on_every_flow_in_English_and_French(UserFlowType type)
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_sso{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "", Type = type });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Single sign-on configuration", page.Document!.QuerySelector("label[for=Input_SingleSignOnConfiguration]")?.TextContent.Trim());
        Assert.Equal(["Tenant", "Application", "Policy", "Suppressed"], page.Document.QuerySelectorAll("#Input_SingleSignOnConfiguration option").Select(o => o.TextContent));
        Assert.Equal("Tenant", page.Document.QuerySelector("#Input_SingleSignOnConfiguration option[selected]")?.GetAttribute("value"));

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.SingleSignOnConfiguration"] = "Policy" });
        Assert.Equal("Saved.", saved.Text("notice"));
        Assert.Equal(SingleSignOnScope.Policy, (await DetailsAsync(name)).SingleSignOnConfiguration);
        Assert.Equal("Policy", (await browser.NavigateAsync($"/admin/user-flows/{name}")).Document!.QuerySelector("#Input_SingleSignOnConfiguration option[selected]")?.GetAttribute("value"));

        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var french = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Configuration de l’authentification unique", french.Document!.QuerySelector("label[for=Input_SingleSignOnConfiguration]")?.TextContent.Trim());
        Assert.Equal(["Locataire", "Application", "Stratégie", "Supprimée"], french.Document.QuerySelectorAll("#Input_SingleSignOnConfiguration option").Select(o => o.TextContent));
        Assert.NotNull((await browser.ClickAsync(french, "save", new Dictionary<string, string> { ["Input.SingleSignOnConfiguration"] = "Suppressed" })).Text("notice"));
        Assert.Equal(SingleSignOnScope.Suppressed, (await DetailsAsync(name)).SingleSignOnConfiguration);
    }

    [Fact]
    public async Task Multifactor_authentication_is_email_off_or_always_on_on_sign_in_flows_in_English_and_French_and_absent_on_reset_flows()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var name = $"B2C_1_mfa{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = name, NormalizedName = "" });
        var page = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal(("Type of method", "MFA enforcement"), (
            page.Document!.QuerySelector("label[for=Input_MultifactorMethod]")?.TextContent.Trim(),
            page.Document.QuerySelector("label[for=Input_MultifactorEnforcement]")?.TextContent.Trim()));
        Assert.Equal(["Email"], page.Document.QuerySelectorAll("#Input_MultifactorMethod option").Select(o => o.TextContent));
        Assert.Equal(["Off", "Always on"], page.Document.QuerySelectorAll("#Input_MultifactorEnforcement option").Select(o => o.TextContent));
        Assert.Equal("Off", page.Document.QuerySelector("#Input_MultifactorEnforcement option[selected]")?.GetAttribute("value"));

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["Input.MultifactorEnforcement"] = "AlwaysOn" });
        Assert.Equal("Saved.", saved.Text("notice"));
        Assert.Equal(MultifactorEnforcement.AlwaysOn, (await DetailsAsync(name)).MultifactorEnforcement);

        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var french = await browser.NavigateAsync($"/admin/user-flows/{name}");
        Assert.Equal("Application de l’authentification multifacteur", french.Document!.QuerySelector("label[for=Input_MultifactorEnforcement]")?.TextContent.Trim());
        Assert.Equal(["Désactivée", "Toujours activée"], french.Document.QuerySelectorAll("#Input_MultifactorEnforcement option").Select(o => o.TextContent));
        Assert.Equal("AlwaysOn", french.Document.QuerySelector("#Input_MultifactorEnforcement option[selected]")?.GetAttribute("value"));

        var reset = $"B2C_1_mfr{Guid.NewGuid():N}"[..24];
        await factory.CreateFlowAsync(new UserFlow { Name = reset, NormalizedName = "", Type = UserFlowType.PasswordReset });
        Assert.Null((await browser.NavigateAsync($"/admin/user-flows/{reset}")).Document!.QuerySelector("#Input_MultifactorEnforcement"));
    }

    private Task<UserFlowDetails> DetailsAsync(string name) =>
        factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().GetAsync(name, default)).Value);

    private Task<bool> RequireIdTokenInLogoutAsync(string name) =>
        factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().GetAsync(name, default)).Value.RequireIdTokenInLogoutRequests);

    private Task<(bool On, int Days)> KeepMeSignedInAsync(string name) =>
        factory.WithScopeAsync(async sp =>
        {
            var flow = Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().GetAsync(name, default)).Value;
            return (flow.KeepMeSignedIn, flow.KeepMeSignedInDays);
        });

    private Task<bool> ForcedPasswordResetAsync(string name) =>
        factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().GetAsync(name, default)).Value.ForcedPasswordReset);

    private Task<PasswordComplexity> ComplexityAsync(string name) =>
        factory.WithScopeAsync(async sp => Assert.IsType<AdminResult<UserFlowDetails>.Done>(await sp.GetRequiredService<UserFlowAdministration>().GetAsync(name, default)).Value.PasswordComplexity);

    [Fact]
    public async Task A_flow_is_created_from_the_list_and_deleted_after_a_confirmation()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var suffix = $"new{Guid.NewGuid():N}"[..12];
        var list = await browser.NavigateAsync("/admin/user-flows");

        var created = await browser.ClickAsync(list, "create-flow", new Dictionary<string, string> { ["Input.Name"] = suffix, ["Input.Type"] = "PasswordReset" });
        Assert.Equal($"B2C_1_{suffix}", created.Text("flow-title"));

        var confirm = await browser.NavigateAsync(created.ById("delete")!.GetAttribute("href")!);
        Assert.NotNull(confirm.ById("confirm-delete"));
        var deleted = await browser.ClickAsync(confirm, "confirm-delete-button");
        Assert.Equal("/admin/user-flows", deleted.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.NavigateAsync($"/admin/user-flows/B2C_1_{suffix}")).Status);
    }
}

[Collection(PortalOnSqlite.Name)]
public sealed class UserFlowsPortalTestsOnSqlite(PortalFactory<Sqlite> factory) : UserFlowsPortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class UserFlowsPortalTestsOnPostgres(PortalFactory<Postgres> factory) : UserFlowsPortalTests(factory);
