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
        var policy = "B2C_1_cpp_" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithScopeAsync(async sp => await sp.GetRequiredService<UserFlowAdministration>().CreateAsync(new UserFlowInput { Name = policy, Type = UserFlowType.SignIn }, "test", CancellationToken.None));
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

    private Task<string?> ContentAsync(string policy) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserFlowService>().FindAsync(policy, CancellationToken.None))!.CustomPageContent);
}

[Collection(PortalOnSqlite.Name)]
public sealed class CustomPagePortalTestsOnSqlite(PortalFactory<Sqlite> factory) : CustomPagePortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class CustomPagePortalTestsOnPostgres(PortalFactory<Postgres> factory) : CustomPagePortalTests(factory);
