namespace IdP.Server.Tests.RunNow;

/// <summary>
/// The viewer redeems codes over a real connection to an address the server listens on: the server's own token
/// endpoint answers, and no Host header sent to the viewer makes the server connect anywhere else. On SQLite only, as
/// the other real-socket suites: the connection does not depend on the database, and RunNowTests runs code runs on both.
/// </summary>
public sealed class OwnTokenEndpointTests(RunNowOverNetworkFactory factory) : IClassFixture<RunNowOverNetworkFactory>
{
    private const string Password = "Correct-Horse-9";
    private const string RunNowUrl = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now";
    private readonly Uri _origin = new($"http://127.0.0.1:{factory.Port}");

    [Fact]
    public async Task A_code_run_over_the_network_is_redeemed_at_the_servers_own_token_endpoint()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await factory.CreateAccountAsync(email, Password, displayName: "Ada Lovelace");
        using var browser = OpenBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + "?response_type=code"));
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await signIn.SignInAsync(email, Password));

        Assert.Equal("tokens", viewer.Outcome);
        Assert.True(viewer.Checks(RunNowElementIds.Checks)["ProofKey"]);
        Assert.All(viewer.Checks(RunNowElementIds.IdToken).Values, Assert.True);
        Assert.All(viewer.Checks(RunNowElementIds.AccessToken).Values, Assert.True);
        Assert.Equal($"{_origin.GetLeftPart(UriPartial.Authority)}/{await factory.TenantIdAsync():D}/v2.0/", viewer.Claim(RunNowElementIds.IdToken, "iss"));
    }

    [Fact]
    public async Task A_forged_host_header_does_not_make_the_server_call_another_address()
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var forgedHost = $"127.0.0.1:{((IPEndPoint)elsewhere.LocalEndpoint).Port}";
        using var browser = OpenBrowser();
        using var run = await browser.Client.GetAsync(RunNowUrl + "?response_type=code");
        var state = QueryHelpers.ParseQuery(run.Headers.Location!.Query)["state"].ToString();

        var viewer = await RunNowViewerPage.PostAsync(browser, $"/{IdPFactory.Tenant}/run-now/result", new() { ["state"] = state, ["code"] = "abc" }, host: forgedHost);

        Assert.False(elsewhere.Pending(), $"The viewer opened a connection to {forgedHost}, the host named in the request.");
        // The server's own token endpoint judged the code, reached at the address the server listens on.
        Assert.Equal("redemption-refused", viewer.Outcome);
        Assert.Equal("invalid_grant", viewer.ErrorCode);
    }

    private Browser OpenBrowser() => Browser.OverNetwork(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, _origin);
}
