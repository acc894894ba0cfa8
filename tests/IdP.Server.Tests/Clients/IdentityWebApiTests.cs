using System.Text.Json.Nodes;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// A web API protected by Microsoft.Identity.Web, configured for B2C as the docs do, accepts the IdP's access tokens for
/// it with the required scope, forbids one without the scope, and rejects tokens for other APIs, tampered tokens and
/// requests without a token. Tokens come from a desktop app on MSAL.NET signing the user in.
/// </summary>
public sealed class IdentityWebApiTests(IdentityWebApiTests.Fixture idp) : IClassFixture<IdentityWebApiTests.Fixture>
{
    [Fact]
    public async Task A_token_with_the_tasks_read_scope_gets_the_users_tasks()
    {
        var user = await idp.CreateUserAsync();
        var token = await AccessTokenAsync(user, TasksApi.ReadScope);

        using var response = await CallTasksAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await DescribeAsync(response));
        var tasks = await response.Content.ReadFromJsonAsync<TaskList>();
        Assert.Equal(user.Account.Id.ToString("D"), tasks?.Owner);
        Assert.NotEmpty(tasks!.Tasks);
    }

    [Fact]
    public async Task A_token_for_the_api_without_the_tasks_read_scope_is_forbidden()
    {
        var token = await AccessTokenAsync(await idp.CreateUserAsync(), TasksApi.WriteScope);

        using var response = await CallTasksAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, await DescribeAsync(response));
    }

    [Fact]
    public async Task A_token_for_another_api_is_rejected()
    {
        var token = await AccessTokenAsync(await idp.CreateUserAsync(), TasksApi.NotesReadScope);
        await (await TokenVerifier.ForAsync(idp)).VerifyAsync(token, idp.NotesApiClientId);

        using var response = await CallTasksAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await DescribeAsync(response));
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_an_app_got_for_itself_is_rejected()
    {
        // B2C's docs have apps without an API of their own request their client id as the scope: the access token is
        // then for the app (aud = its client id), valid and signed, but not for the tasks API.
        var user = await idp.CreateUserAsync();
        using var app = await DesktopApp.RegisterAsync(idp, user);
        var result = await app.SignInAsync(app.ClientId);
        await (await TokenVerifier.ForAsync(idp)).VerifyAsync(result.AccessToken, app.ClientId);

        using var response = await CallTasksAsync(result.AccessToken);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await DescribeAsync(response));
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_whose_claims_were_changed_is_rejected()
    {
        var token = await AccessTokenAsync(await idp.CreateUserAsync(), TasksApi.ReadScope);
        var someoneElse = await idp.CreateUserAsync();

        using var response = await CallTasksAsync(WithClaim(token, "oid", someoneElse.Account.Id.ToString("D")));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await DescribeAsync(response));
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_token_is_rejected()
    {
        using var response = await CallTasksAsync(token: null);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await DescribeAsync(response));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> AccessTokenAsync(TestUser user, string scope)
    {
        using var app = await DesktopApp.RegisterAsync(idp, user, scope);
        var token = (await app.SignInAsync(scope)).AccessToken;
        Assert.False(string.IsNullOrEmpty(token), $"The IdP issued no access token for {scope}.");
        return token;
    }

    private async Task<HttpResponseMessage> CallTasksAsync(string? token)
    {
        using var client = new HttpClient(TestCertificates.CreateTrustingHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, idp.Api.TasksUrl);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Headers.WwwAuthenticate} {await response.Content.ReadAsStringAsync()}";

    // Re-encodes the payload with one claim changed and keeps the original signature, as an attacker would.
    private static string WithClaim(string jwt, string claim, string value)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        payload[claim] = value;
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64UrlDecode(string value)
    {
        var base64 = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    /// <summary>The IdP with the tasks API running against it.</summary>
    public sealed class Fixture : ClientsIdPFactory
    {
        private TasksApiHost? _api;

        public TasksApiHost Api => _api ?? throw new InvalidOperationException("The API is not started.");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            _api = Running(await TasksApiHost.StartAsync(this));
        }
    }
}
