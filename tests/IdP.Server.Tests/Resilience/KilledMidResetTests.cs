using IdP.Server.Tests.Cluster;

namespace IdP.Server.Tests.Resilience;

/// <summary>
/// The server process killed (no graceful shutdown) in the middle of a reset, then started again: the user, still on
/// the page the dead process served, goes on where they were: the journey, the code, the form's antiforgery token and
/// the cookies all live in the database or are protected by keys that do.
/// </summary>
public sealed class KilledMidResetTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-9";
    private readonly TestSmtpServer _smtp = new();
    private TwoNodesLikeServer? _server;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _server = await TwoNodesLikeServer.StartAsync(_smtp.Port);
    }

    [Fact]
    public async Task A_user_whose_server_was_killed_after_the_code_was_sent_finishes_the_reset_on_the_restarted_server()
    {
        var server = _server!;
        var email = await server.CreateUserAsync(Password);
        using var browser = Browser.OverNetwork(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, server.Node.Address);
        var request = new AuthorizeRequest(TwoNodes.ClientId, TwoNodes.RedirectUri, IdPFactory.SignInPolicy, "code", "openid");
        var step1 = await browser.OpenResetFromSignInAsync(request);
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        var code = await _smtp.WaitForCodeAsync(email);

        await server.Node.KillAsync();
        await server.Node.StartAsync();

        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(code));
        Assert.Equal("E-mail address verified. You can now continue.", verified.Success);
        var app = (await verified.SetNewPasswordAsync("Fresh-Garden-42")).ToApp();
        Assert.Equal(request.State, app["state"]);
        Assert.NotNull(app["code"]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.Node.DisposeAsync();
            await _server.Database.DisposeAsync();
        }

        await _smtp.DisposeAsync();
    }

    /// <summary>One node with the cluster's settings, reached directly (no proxy).</summary>
    private sealed record TwoNodesLikeServer(ServerNode Node, Postgres Database)
    {
        public static async Task<TwoNodesLikeServer> StartAsync(int smtpPort)
        {
            var database = new Postgres();
            var node = new ServerNode("solo", TwoNodes.Settings(await database.CreateAsync(), smtpPort));
            await node.StartAsync();
            return new TwoNodesLikeServer(node, database);
        }

        public async Task<string> CreateUserAsync(string password)
        {
            using var http = new HttpClient { BaseAddress = Node.Address };
            var tokens = await http.PostAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = TwoNodes.AdminClientId,
                ["client_secret"] = TwoNodes.AdminSecret,
                ["scope"] = IdP.Core.Applications.ServerApi.AdminScope,
            }));
            using var json = System.Text.Json.JsonDocument.Parse(await tokens.Content.ReadAsStringAsync());
            var email = $"{Guid.NewGuid():N}@example.com";
            using var create = new HttpRequestMessage(HttpMethod.Post, "/admin/api/users") { Content = System.Net.Http.Json.JsonContent.Create(new { signInEmail = email, password, displayName = "Solo User" }) };
            create.Headers.Authorization = new("Bearer", json.RootElement.GetProperty("access_token").GetString());
            using var created = await http.SendAsync(create);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            return email;
        }
    }
}
