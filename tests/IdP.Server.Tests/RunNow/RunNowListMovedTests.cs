namespace IdP.Server.Tests.RunNow;

/// <summary>
/// The old Run now list (<c>/{tenant}/run-now/flows</c>, once behind the operator's Basic credentials) moved to the admin
/// portal's user flows: its URL redirects there in every environment and asks for no credentials itself, while run-now
/// URLs keep working.
/// </summary>
public abstract class RunNowListMovedTests(IdPFactory factory)
{
    private const string Flows = $"/{IdPFactory.Tenant}/run-now/flows";

    [Fact]
    public async Task The_old_list_url_redirects_to_the_portals_user_flows_without_a_basic_challenge()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync(Flows);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/admin/user-flows", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task Following_it_leads_to_the_portals_sign_in_not_to_a_list_of_run_urls()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(Flows);

        // The portal's sign-in flow: the sign-in page of the server itself, with nothing of the list on it.
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.ById(IdP.Core.Contract.PageElementIds.SignInName));
        Assert.DoesNotContain("run-url", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tenant_gets_the_404_page()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync("/fabrikam/run-now/flows");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("'fabrikam'", page.Text(IdP.Core.Contract.PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_now_urls_work_in_production()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/oauth2/v2.0/authorize?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }
}

public sealed class RunNowListMovedTestsOnSqlite(RunNowProductionFactory<Sqlite> factory) : RunNowListMovedTests(factory), IClassFixture<RunNowProductionFactory<Sqlite>>;

public sealed class RunNowListMovedTestsOnPostgres(RunNowProductionFactory<Postgres> factory) : RunNowListMovedTests(factory), IClassFixture<RunNowProductionFactory<Postgres>>;

/// <summary>With the portal switched off there is nowhere to send the old list's URL: 404, no challenge.</summary>
public sealed class RunNowListWithoutPortalTests(RunNowWithoutPortalFactory<Sqlite> factory) : IClassFixture<RunNowWithoutPortalFactory<Sqlite>>
{
    [Fact]
    public async Task The_old_list_url_is_not_found()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync($"/{IdPFactory.Tenant}/run-now/flows");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }
}
