using IdP.Server.Tests.UserFlows;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>The flow page's "Page layout" form: a pasted template is saved (sanitised), a refused one shows why next to the field.</summary>
public abstract class CustomPagePortalTests(IdPFactory factory)
{
    [Fact]
    public async Task A_template_pasted_on_the_flow_page_is_saved_and_a_template_with_a_form_is_refused_next_to_the_field()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var policy = await CreateFlowAsync();
        var flowPage = $"/admin/user-flows/{policy}";

        var page = await browser.NavigateAsync(flowPage);
        var refused = await browser.SubmitAsync(page, "form#custom-page-form", new Dictionary<string, string>
        {
            ["CustomPage.Content"] = CustomPageTests.Template("Portal page", "<form></form>"),
        });
        Assert.Contains("may not contain form, iframe or frame elements", refused.Body, StringComparison.Ordinal);
        Assert.Null(await ContentAsync(policy));

        var saved = await browser.SubmitAsync(await browser.NavigateAsync(flowPage), "form#custom-page-form", new Dictionary<string, string>
        {
            ["CustomPage.Content"] = CustomPageTests.Template("Portal page"),
        });
        Assert.Contains("Portal page", saved.ById("CustomPage_Content")!.TextContent, StringComparison.Ordinal);
        var stored = await ContentAsync(policy);
        Assert.Contains("Portal page", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_error_is_shown_in_the_language_of_whoever_reads_the_flow_page_not_of_whoever_refreshed()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var policy = await CreateFlowAsync();
        // A template address that stopped being fetchable (its host now resolves to a loopback address, say): set
        // directly, as saving it would be refused.
        await factory.WithDbAsync(db => db.UserFlows.Where(f => f.NormalizedName == UserFlowName.Normalize(policy))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CustomPageUri, "https://127.0.0.1/template")));
        var flowPage = $"/admin/user-flows/{policy}";

        // A row an older version wrote (the text alone, in its writer's language) is shown as it was stored.
        await CustomPageTests.StoreOldErrorTextAsync(factory, policy, "Old text: the template server timed out.");
        Assert.Equal("The last fetch failed: Old text: the template server timed out. The last good copy is still in use.", (await browser.NavigateAsync(flowPage)).Text("custom-page-error"));

        // Refreshed by a French administrator: each reader sees the reason in their own language.
        await CustomPageTests.InFrenchAsync(() => factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowAdministration>().RefreshCustomPageAsync(policy, "test", CancellationToken.None)));
        var english = await browser.NavigateAsync(flowPage);
        Assert.Equal(
            "The last fetch failed: The custom page URI points to a private, loopback or link-local address, which the server does not fetch from. The last good copy is still in use.",
            english.Text("custom-page-error"));

        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var french = await browser.NavigateAsync(flowPage);
        Assert.Contains("L’URI de page personnalisée désigne une adresse privée, de bouclage ou de liaison locale", french.Text("custom-page-error"), StringComparison.Ordinal);
    }

    private async Task<string> CreateFlowAsync()
    {
        var policy = "B2C_1_cpp_" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowAdministration>().CreateAsync(new UserFlowInput { Name = policy, Type = UserFlowType.SignIn }, "test", CancellationToken.None));
        return policy;
    }

    private Task<string?> ContentAsync(string policy) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserFlowService>().FindAsync(policy, CancellationToken.None))!.CustomPageContent);
}

[Collection(PortalOnSqlite.Name)]
public sealed class CustomPagePortalTestsOnSqlite(PortalFactory<Sqlite> factory) : CustomPagePortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class CustomPagePortalTestsOnPostgres(PortalFactory<Postgres> factory) : CustomPagePortalTests(factory);
