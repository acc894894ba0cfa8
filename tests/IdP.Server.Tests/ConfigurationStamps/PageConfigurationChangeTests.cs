using IdP.Server.Tests.UserFlows;

namespace IdP.Server.Tests.ConfigurationStamps;

/// <summary>
/// Pages take the tenant, the flow, the branding and the string overrides from the node's caches under the
/// configuration stamp (issue 16). On one node: a page request warms the caches, an administrator changes the setting,
/// and the very next page shows the change (no time-to-live, nothing stale). <see cref="Cluster.PageConfigurationAcrossNodesTests"/>
/// does the same with the change made on another node.
/// </summary>
public abstract class PageConfigurationChangeTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task The_reset_switch_shows_and_hides_forgot_password_on_the_next_page()
    {
        var client = await factory.RegisterClientAsync();
        var before = (await _admin.GetAsync("settings/password-reset")).Expect(200)["mode"]!;
        try
        {
            (await _admin.PutAsync("settings/password-reset", new { mode = "All" })).Expect(200);
            Assert.True(await OffersResetAsync(client));
            Assert.True(await OffersResetAsync(client));

            (await _admin.PutAsync("settings/password-reset", new { mode = "None" })).Expect(200);
            Assert.False(await OffersResetAsync(client));

            (await _admin.PutAsync("settings/password-reset", new { mode = "All" })).Expect(200);
            Assert.True(await OffersResetAsync(client));
        }
        finally
        {
            (await _admin.PutAsync("settings/password-reset", new { mode = before })).Expect(200);
        }
    }

    [Fact]
    public async Task Branding_text_and_a_string_override_show_on_the_next_page()
    {
        var client = await factory.RegisterClientAsync();
        var marker = "Cached " + Guid.NewGuid().ToString("N")[..8];
        try
        {
            (await _admin.PutAsync("branding", new { signInPageText = "First text" })).Expect(200);
            Assert.Equal("First text", await PageTextAsync(client));
            Assert.Equal("Sign in", (await OpenAsync(client)).Page.Text(PageElementIds.Next));

            (await _admin.PutAsync("branding", new { signInPageText = marker })).Expect(200);
            Assert.Equal(marker, await PageTextAsync(client));

            (await _admin.PutAsync("branding/strings/en", new Dictionary<string, string?> { ["SignIn.button_signin"] = marker })).Expect(200);
            Assert.Equal(marker, (await OpenAsync(client)).Page.Text(PageElementIds.Next));

            (await _admin.PutAsync("branding/strings/en", new Dictionary<string, string?>())).Expect(200);
            Assert.Equal("Sign in", (await OpenAsync(client)).Page.Text(PageElementIds.Next));
        }
        finally
        {
            (await _admin.PutAsync("branding", new { })).Expect(200);
            (await _admin.PutAsync("branding/strings/en", new Dictionary<string, string?>())).Expect(200);
        }
    }

    [Fact]
    public async Task A_flow_change_shows_on_the_next_page_of_that_flow()
    {
        var client = await factory.RegisterClientAsync();
        var name = "pc_" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsync("user-flows", new { name, type = "SignIn" })).Expect(201);
        var flow = "B2C_1_" + name;
        Assert.Null((await OpenAsync(client, flow)).Page.Document!.GetElementById("customHeading"));

        var marker = "Flow page " + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = CustomPageTests.Template(marker) })).Expect(200);
        Assert.Equal(marker, (await OpenAsync(client, flow)).Page.Document!.GetElementById("customHeading")!.TextContent.Trim());

        (await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = "" })).Expect(200);
        Assert.Null((await OpenAsync(client, flow)).Page.Document!.GetElementById("customHeading"));
    }

    private async Task<SignInPage> OpenAsync(OidcClient client, string policy = IdPFactory.SignInPolicy)
    {
        using var browser = factory.CreateBrowser();
        return await SignInPage.OpenAsync(browser, client.Authorize(policy));
    }

    private async Task<bool> OffersResetAsync(OidcClient client) =>
        (await OpenAsync(client)).Page.ById(PageElementIds.ForgotPassword) is not null;

    private async Task<string?> PageTextAsync(OidcClient client) =>
        (await OpenAsync(client)).Page.ById("signInPageText")?.TextContent.Trim();
}

public sealed class PageConfigurationChangeTestsOnSqlite(AdminApiFactory<Sqlite> factory)
    : PageConfigurationChangeTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class PageConfigurationChangeTestsOnPostgres(AdminApiFactory<Postgres> factory)
    : PageConfigurationChangeTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
