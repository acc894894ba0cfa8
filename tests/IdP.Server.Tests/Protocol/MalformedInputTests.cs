namespace IdP.Server.Tests.Protocol;

/// <summary>
/// Input no real client sends (NUL and control characters in any query or form value, a UTF-7 body, an unreadable form,
/// a Host header that is not a host) gets a 400, never a 5xx, and changes nothing: no journey, account, mail or audit
/// row appears.
/// </summary>
public abstract class MalformedInputTests(IdPFactory factory)
{
    private const string Flow = "/contoso/B2C_1_signin";

    private static readonly string[] Poisons = ["\0", "\u0001", "\u001b", "\u007f", "a\0b"];

    private static readonly string[] AuthorizeParameters = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "response_mode", "prompt", "login_hint", "code_challenge", "ui_locales", "p"];

    private static readonly string[] TokenParameters = ["grant_type", "client_id", "client_secret", "code", "code_verifier", "redirect_uri", "refresh_token", "scope", "client_info"];

    [Fact]
    public async Task Control_characters_in_any_authorize_or_logout_parameter_get_a_400_and_change_nothing()
    {
        var client = await factory.RegisterClientAsync();
        var before = await CountsAsync();
        using var http = factory.CreateHttpClient();

        foreach (var parameter in AuthorizeParameters)
        {
            foreach (var poison in Poisons)
            {
                var good = client.Authorize().Url;
                using var authorize = await http.GetAsync($"{good}&{parameter}={Uri.EscapeDataString(poison)}");
                Assert.True(authorize.StatusCode == HttpStatusCode.BadRequest, $"authorize {parameter}={Escape(poison)}: {(int)authorize.StatusCode}");
            }
        }

        foreach (var parameter in new[] { "post_logout_redirect_uri", "state", "id_token_hint", "client_id" })
        {
            using var logout = await http.GetAsync($"{Flow}/oauth2/v2.0/logout?{parameter}={Uri.EscapeDataString("x\0y")}");
            Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Control_characters_in_any_token_parameter_get_a_400_as_problem_json()
    {
        using var http = factory.CreateHttpClient();

        foreach (var parameter in TokenParameters)
        {
            var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["client_id"] = "x", ["code"] = "c", [parameter] = "a\0b" };
            using var token = await http.PostAsync(Flow + "/oauth2/v2.0/token", new FormUrlEncodedContent(form));
            Assert.True(token.StatusCode == HttpStatusCode.BadRequest, $"token {parameter}: {(int)token.StatusCode}");
            Assert.Equal("application/problem+json", token.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Control_characters_in_the_sign_in_form_get_a_400_and_no_sign_in_attempt()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await browser.NavigateAsync(client.Authorize().Url);
        var before = await CountsAsync();

        var answer = await browser.SubmitAsync(page, "form", new Dictionary<string, string> { ["signInName"] = "ada\0@example.com", ["password"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("utf-16")]
    [InlineData("x-made-up")]
    public async Task A_body_in_another_charset_gets_a_400(string charset)
    {
        using var http = factory.CreateHttpClient();
        using var content = new StringContent("grant_type=client_credentials&client_id=x", Encoding.ASCII);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = charset };

        using var token = await http.PostAsync(Flow + "/oauth2/v2.0/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("--x\r\nContent-Disposition: form-data; name=\"signInName\"\r\n\r\nada@example.com")]
    public async Task A_multipart_body_that_ends_before_its_boundary_gets_a_400_wherever_it_is_posted(string body)
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var signIn = await browser.NavigateAsync(client.Authorize().Url);
        var before = await CountsAsync();

        foreach (var target in new[] { signIn.Url.PathAndQuery, Flow + "/oauth2/v2.0/token", Flow + "/oauth2/v2.0/authorize", Flow + "/oauth2/v2.0/logout", "/admin/api/users", "/admin/users" })
        {
            using var content = new StringContent(body, Encoding.ASCII);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            using var response = await browser.Client.PostAsync(target, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{target}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("localhost:99999")]
    [InlineData("localhost:0")]
    [InlineData("local host")]
    public async Task A_host_header_that_is_not_a_host_gets_a_400(string host)
    {
        using var http = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Flow + "/v2.0/.well-known/openid-configuration");
        request.Headers.TryAddWithoutValidation("Host", host);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_form_value_over_the_size_limit_gets_a_4xx_not_a_5xx()
    {
        using var http = factory.CreateHttpClient();

        using var token = await http.PostAsync(Flow + "/oauth2/v2.0/token", new StringContent("grant_type=" + new string('a', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.InRange((int)token.StatusCode, 400, 499);
    }

    private Task<(int Journeys, int Users, int Mail, int Audit)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Journeys.CountAsync(), await db.Users.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync()));

    private static string Escape(string value) => string.Concat(value.Select(c => c < ' ' || c == '\u007f' ? $"\\u{(int)c:x4}" : c.ToString()));
}

public sealed class MalformedInputTestsOnSqlite(IdPFactory<Sqlite> factory) : MalformedInputTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class MalformedInputTestsOnPostgres(IdPFactory<Postgres> factory) : MalformedInputTests(factory), IClassFixture<IdPFactory<Postgres>>;
