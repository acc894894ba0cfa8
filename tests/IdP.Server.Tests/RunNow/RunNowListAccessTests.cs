using System.Net;
using System.Net.Http.Headers;
using IdP.Server.Tests.Admin;
using IdP.Server.Tests.Infrastructure;

namespace IdP.Server.Tests.RunNow;

/// <summary>In production without admin credentials the list page does not exist, while run-now URLs still work.</summary>
public abstract class RunNowListInProductionTests(IdPFactory factory)
{
    private const string Flows = $"/{IdPFactory.Tenant}/run-now/flows";

    [Fact]
    public async Task The_list_page_does_not_exist_without_admin_credentials()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri(IdPFactory.Origin) });

        using var response = await client.GetAsync(Flows);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task Run_now_urls_work_in_production()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri(IdPFactory.Origin) });

        using var response = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/oauth2/v2.0/authorize?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }
}

public sealed class RunNowListInProductionTestsOnSqlite(RunNowProductionFactory<Sqlite> factory) : RunNowListInProductionTests(factory), IClassFixture<RunNowProductionFactory<Sqlite>>;

public sealed class RunNowListInProductionTestsOnPostgres(RunNowProductionFactory<Postgres> factory) : RunNowListInProductionTests(factory), IClassFixture<RunNowProductionFactory<Postgres>>;

/// <summary>With admin credentials configured, the list page asks for them (HTTP Basic, over HTTPS only).</summary>
public abstract class RunNowListWithAdminCredentialsTests(IdPFactory factory)
{
    private const string Flows = $"/{IdPFactory.Tenant}/run-now/flows";

    [Fact]
    public async Task Without_credentials_the_list_page_asks_for_them()
    {
        using var response = await GetAsync(authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Contains("realm=", challenge.Parameter, StringComparison.Ordinal);
        Assert.DoesNotContain("run-url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestAdmin.UserName, "wrong-password-123")]
    [InlineData("someone", TestAdmin.Password)]
    [InlineData(TestAdmin.UserName, TestAdmin.Password + "x")]
    [InlineData("", "")]
    public async Task Wrong_credentials_are_refused(string userName, string password)
    {
        using var response = await GetAsync(TestAdmin.Basic(userName, password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("run-url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_authorization_header_is_refused_like_a_wrong_one()
    {
        using var response = await GetAsync(new AuthenticationHeaderValue("Basic", "%%%not-base64"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_right_credentials_open_the_list_page()
    {
        using var response = await GetAsync(TestAdmin.Basic(TestAdmin.UserName, TestAdmin.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"https://idp.test/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_not_accepted_over_plain_http()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri(IdPFactory.Origin) });
        using var request = new HttpRequestMessage(HttpMethod.Get, Flows) { Headers = { Authorization = TestAdmin.Basic(TestAdmin.UserName, TestAdmin.Password) } };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(AuthenticationHeaderValue? authorization)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://idp.test") });
        using var request = new HttpRequestMessage(HttpMethod.Get, Flows) { Headers = { Authorization = authorization } };
        return await client.SendAsync(request);
    }
}

public sealed class RunNowListWithAdminCredentialsTestsOnSqlite(RunNowAdminFactory<Sqlite> factory) : RunNowListWithAdminCredentialsTests(factory), IClassFixture<RunNowAdminFactory<Sqlite>>;

public sealed class RunNowListWithAdminCredentialsTestsOnPostgres(RunNowAdminFactory<Postgres> factory) : RunNowListWithAdminCredentialsTests(factory), IClassFixture<RunNowAdminFactory<Postgres>>;
