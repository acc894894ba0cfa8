using IdP.Server.Tests.ConfigurationStamps;
using IdP.Server.Tests.UserFlows;

namespace IdP.Server.Tests.Cluster;

/// <summary>
/// Each node keeps the tenant, the flows, the branding and the string overrides its pages read under the configuration
/// stamp (issue 16). Node b's caches are warmed by its pages, node a's admin API changes a setting, and b's very next
/// page shows the change: no time-to-live, no stale page on another node. <see cref="PageConfigurationChangeTests"/>
/// covers the same changes on one node.
/// </summary>
public sealed class PageConfigurationAcrossNodesTests(TwoNodes cluster) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task The_reset_switch_changed_on_a_shows_and_hides_forgot_password_on_bs_next_page()
    {
        var token = await cluster.AdminTokenAsync("a");
        try
        {
            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "settings/password-reset", new { mode = "All" })).Status);
            Assert.True(await OffersResetAsync("b"));
            Assert.True(await OffersResetAsync("b"));

            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "settings/password-reset", new { mode = "None" })).Status);
            Assert.False(await OffersResetAsync("b"));
            Assert.False(await OffersResetAsync("b"));

            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "settings/password-reset", new { mode = "All" })).Status);
            Assert.True(await OffersResetAsync("b"));
        }
        finally
        {
            await cluster.AdminAsync("a", token, HttpMethod.Put, "settings/password-reset", new { mode = "All" });
        }
    }

    [Fact]
    public async Task Branding_changed_on_a_shows_on_bs_next_page()
    {
        var token = await cluster.AdminTokenAsync("a");
        var marker = "Across nodes " + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "branding", new { signInPageText = "First text" })).Status);
            Assert.Equal("First text", await PageTextAsync("b"));
            Assert.Equal("First text", await PageTextAsync("b"));
            var firstTheme = (await OpenAsync("b")).Page.Document!.QuerySelector("link[href*='theme']")?.GetAttribute("href");

            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "branding", new { signInPageText = marker, backgroundColor = "#123456" })).Status);
            var page = await OpenAsync("b");
            Assert.Equal(marker, page.Page.ById("signInPageText")?.TextContent.Trim());
            var theme = page.Page.Document!.QuerySelector("link[href*='theme']")?.GetAttribute("href");
            Assert.NotNull(theme);
            Assert.NotEqual(firstTheme, theme);
            using var client = cluster.Client("b");
            Assert.Contains("#123456", await client.GetStringAsync(theme), StringComparison.Ordinal);
        }
        finally
        {
            await cluster.AdminAsync("a", token, HttpMethod.Put, "branding", new { });
        }
    }

    [Fact]
    public async Task A_string_override_set_on_a_shows_on_bs_next_page()
    {
        var token = await cluster.AdminTokenAsync("a");
        var marker = "Go " + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Assert.Equal("Sign in", (await OpenAsync("b")).Page.Text(PageElementIds.Next));
            Assert.Equal("Sign in", (await OpenAsync("b")).Page.Text(PageElementIds.Next));

            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "branding/strings/en", new Dictionary<string, string?> { ["SignIn.button_signin"] = marker })).Status);
            Assert.Equal(marker, (await OpenAsync("b")).Page.Text(PageElementIds.Next));

            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "branding/strings/en", new Dictionary<string, string?>())).Status);
            Assert.Equal("Sign in", (await OpenAsync("b")).Page.Text(PageElementIds.Next));
        }
        finally
        {
            await cluster.AdminAsync("a", token, HttpMethod.Put, "branding/strings/en", new Dictionary<string, string?>());
        }
    }

    [Fact]
    public async Task A_flow_changed_on_a_shows_on_bs_next_page_of_that_flow()
    {
        var token = await cluster.AdminTokenAsync("a");
        var name = "pc_" + Guid.NewGuid().ToString("N")[..8];
        var flow = "B2C_1_" + name;
        var (status, body) = await cluster.AdminAsync("a", token, HttpMethod.Post, "user-flows", new { name, type = "SignIn" });
        Assert.True(status == 201, body);
        Assert.Null((await OpenAsync("b", flow)).Page.Document!.GetElementById("customHeading"));
        Assert.Null((await OpenAsync("b", flow)).Page.Document!.GetElementById("customHeading"));

        var marker = "Flow page " + Guid.NewGuid().ToString("N")[..8];
        (status, body) = await cluster.AdminAsync("a", token, HttpMethod.Patch, $"user-flows/{flow}", new { customPageContent = CustomPageTests.Template(marker) });
        Assert.True(status == 200, body);
        Assert.Equal(marker, (await OpenAsync("b", flow)).Page.Document!.GetElementById("customHeading")!.TextContent.Trim());

        (status, body) = await cluster.AdminAsync("a", token, HttpMethod.Patch, $"user-flows/{flow}", new { customPageContent = "" });
        Assert.True(status == 200, body);
        Assert.Null((await OpenAsync("b", flow)).Page.Document!.GetElementById("customHeading"));
    }

    private async Task<SignInPage> OpenAsync(string node, string policy = IdPFactory.SignInPolicy)
    {
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        choice.Node = node;
        return await SignInPage.OpenAsync(browser, new AuthorizeRequest(TwoNodes.ClientId, TwoNodes.RedirectUri, policy, "code", "openid"));
    }

    private async Task<bool> OffersResetAsync(string node) =>
        (await OpenAsync(node)).Page.ById(PageElementIds.ForgotPassword) is not null;

    private async Task<string?> PageTextAsync(string node) =>
        (await OpenAsync(node)).Page.ById("signInPageText")?.TextContent.Trim();
}
