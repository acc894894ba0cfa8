namespace IdP.Server.Tests.Clients;

/// <summary>
/// Microsoft's JavaScript libraries against the real server over HTTPS, as apps written for B2C use them: each
/// Node test file is one fact, so a failure names the library, and node's own report is in the test output.
/// </summary>
public sealed class NodeClientTests(NodeClientsIdPFactory server, ITestOutputHelper output) : IClassFixture<NodeClientsIdPFactory>
{
    // Generous for two cores shared with other builds; a hung browser still ends the test.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public Task Msal_node_as_in_the_B2C_sample_signs_in_refreshes_silently_and_signs_out() => RunAsync("test/msal-node.test.mjs");

    [Fact]
    public Task Msal_browser_in_Chromium_signs_in_refreshes_across_origins_signs_out_and_signs_in_silently_from_another_site() => RunAsync("test/msal-browser.test.mjs");

    private async Task RunAsync(string testFile)
    {
        var outcome = await ClientsProject.TestAsync(testFile, server.NodeEnvironment(), Timeout);
        output.WriteLine(outcome.Output);
        Assert.True(outcome.Succeeded, $"{testFile} failed (exit code {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none: stopped"}); node's report is in the test output.");
    }
}
