using System.Net;
using System.Net.Http.Headers;
using IdP.Server.Admin;
using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.RunNow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.Tests.Admin;

/// <summary>
/// Admin pages (today the Run now list) outside Development with credentials configured, over plain HTTP as behind a
/// TLS-terminating proxy: the admin scheme's Basic handler and the admin policy decide, not the page. On SQLite only:
/// nothing here depends on the database (RunNowListAccessTests runs the list page on both providers).
/// </summary>
public sealed class AdminAccessTests(AdminOverHttpFactory factory) : IClassFixture<AdminOverHttpFactory>
{
    private const string UserName = TestAdmin.UserName;
    private const string Password = TestAdmin.Password;
    private const string Flows = $"/{IdPFactory.Tenant}/run-now/flows";

    [Fact]
    public async Task Without_credentials_an_admin_page_answers_401_with_a_basic_challenge()
    {
        using var response = await GetAsync(authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Equal($"realm=\"{AdminAccess.Realm}\", charset=\"UTF-8\"", challenge.Parameter);
        Assert.DoesNotContain("run-url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserName, "wrong-password-123")]
    [InlineData("OPERATOR", Password)]
    public async Task Wrong_credentials_answer_401(string userName, string password)
    {
        using var response = await GetAsync(TestAdmin.Basic(userName, password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain("run-url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_credentials_open_the_list()
    {
        using var response = await GetAsync(TestAdmin.Basic(UserName, Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{IdPFactory.Origin}/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handler_names_the_operator_for_the_right_credentials_and_fails_wrong_or_malformed_ones()
    {
        Assert.Equal(UserName, (await AuthenticateAsync(TestAdmin.Basic(UserName, Password).ToString())).Principal?.Identity?.Name);
        Assert.True((await AuthenticateAsync(TestAdmin.Basic(UserName, "nope-nope-nope").ToString())).Failure is not null);
        Assert.True((await AuthenticateAsync("Basic %%%not-base64")).Failure is not null);
        Assert.True((await AuthenticateAsync("Bearer abc")).Failure is not null);
        Assert.True((await AuthenticateAsync(null)).None);
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string? authorization)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(new Uri(IdPFactory.Origin).Host);
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        return await http.AuthenticateAsync(AdminAccess.Scheme);
    }

    private async Task<HttpResponseMessage> GetAsync(AuthenticationHeaderValue? authorization)
    {
        using var client = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Flows) { Headers = { Authorization = authorization } };
        return await client.SendAsync(request);
    }
}

/// <summary>Production, credentials set, HTTPS not required by the server itself (TLS at a proxy).</summary>
public sealed class AdminOverHttpFactory : RunNowFactory<Sqlite>
{
    public AdminOverHttpFactory() => TestAdmin.Configure(this, requireHttps: false);
}
