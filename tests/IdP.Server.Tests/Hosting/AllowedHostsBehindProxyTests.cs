namespace IdP.Server.Tests.Hosting;

/// <summary>
/// AllowedHosts holds for the host a proxy forwards, not only for the raw Host header (which behind a proxy is the
/// proxy's internal name for the server).
/// </summary>
public sealed class AllowedHostsBehindProxyTests(AllowedHostsBehindProxyTests.Factory factory) : IClassFixture<AllowedHostsBehindProxyTests.Factory>
{
    private const string Proxy = "10.1.2.3";

    [Fact]
    public async Task A_forwarded_host_in_allowed_hosts_is_served_whatever_the_internal_host()
    {
        var status = await StatusAsync(forwardedHost: "idp.example.com");

        Assert.Equal(StatusCodes.Status200OK, status);
    }

    [Fact]
    public async Task A_forwarded_host_outside_allowed_hosts_is_refused()
    {
        var status = await StatusAsync(forwardedHost: "evil.example.net");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
    }

    private async Task<int> StatusAsync(string forwardedHost)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("idp-internal:8080");
            c.Request.Path = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = forwardedHost;
            c.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
        });
        return context.Response.StatusCode;
    }

    /// <summary>Behind one proxy, answering only for idp.example.com.</summary>
    public sealed class Factory : IdPFactory<Sqlite>
    {
        public Factory()
        {
            With("IdP:Server:TrustForwardedHeaders", "true");
            With("IdP:Server:KnownProxies:0", Proxy);
            With("AllowedHosts", "idp.example.com");
        }
    }
}
