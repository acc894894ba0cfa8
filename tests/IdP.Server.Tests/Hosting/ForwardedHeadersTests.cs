namespace IdP.Server.Tests.Hosting;

/// <summary>
/// With <c>IdP:Server:TrustForwardedHeaders</c>, X-Forwarded-Proto/-Host decide the issuer and every URL the server
/// builds, so only the proxies listed in <c>IdP:Server:KnownProxies</c> may send them. Transport settings do not touch
/// the database, so these run on SQLite only.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.BehindKnownProxies factory) : IClassFixture<ForwardedHeadersTests.BehindKnownProxies>
{
    private const string TrustedProxy = "10.1.2.3";

    [Fact]
    public async Task A_listed_proxy_sets_the_scheme_and_host()
    {
        var issuer = await IssuerSeenFromAsync(factory, TrustedProxy);

        Assert.StartsWith("https://idp.example.com/", issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_inside_a_listed_network_sets_the_scheme_and_host()
    {
        var issuer = await IssuerSeenFromAsync(factory, "192.168.50.77");

        Assert.StartsWith("https://idp.example.com/", issuer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.1.2.4")]
    [InlineData("127.0.0.1")]
    public async Task Any_other_source_cannot_change_the_scheme_or_host(string source)
    {
        var issuer = await IssuerSeenFromAsync(factory, source);

        Assert.StartsWith(IdPFactory.Origin + "/", issuer, StringComparison.Ordinal);
    }

    [Fact]
    public void No_warning_is_logged_when_proxies_are_listed() =>
        Assert.DoesNotContain(factory.Logs.Entries, e => e.EventId == 3111);

    /// <summary>The issuer in the discovery document, for a request from <paramref name="source"/> claiming another scheme and host.</summary>
    internal static async Task<string> IssuerSeenFromAsync(IdPFactory factory, string source)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString(new Uri(IdPFactory.Origin).Host);
            c.Request.Path = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration";
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = "idp.example.com";
            c.Connection.RemoteIpAddress = IPAddress.Parse(source);
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        return json.RootElement.GetProperty("issuer").GetString()!;
    }

    /// <summary>Behind a listed proxy and a listed network, in both forms the setting accepts.</summary>
    public sealed class BehindKnownProxies : IdPFactory<Sqlite>
    {
        public BehindKnownProxies() => Logs = With("IdP:Server:TrustForwardedHeaders", "true")
            .With("IdP:Server:KnownProxies:0", TrustedProxy)
            .With("IdP:Server:KnownProxies:1", "192.168.50.0/24; 2001:db8::/32")
            .Attach(new CapturedLogs());

        public CapturedLogs Logs { get; }
    }
}

/// <summary>Forwarded headers trusted with no proxy listed: still from any source, as before, but with a warning.</summary>
public sealed class ForwardedHeadersFromAnySourceTests(ForwardedHeadersFromAnySourceTests.BehindUnlistedProxies factory) : IClassFixture<ForwardedHeadersFromAnySourceTests.BehindUnlistedProxies>
{
    [Fact]
    public async Task Any_source_sets_the_scheme_and_host()
    {
        var issuer = await ForwardedHeadersTests.IssuerSeenFromAsync(factory, "203.0.113.9");

        Assert.StartsWith("https://idp.example.com/", issuer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_at_start_up_names_the_setting_to_fix()
    {
        var warning = Assert.Single(factory.Logs.Entries, e => e.EventId == 3111);

        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("IdP:Server:KnownProxies", warning.Message, StringComparison.Ordinal);
    }

    public sealed class BehindUnlistedProxies : IdPFactory<Sqlite>
    {
        public BehindUnlistedProxies() => Logs = With("IdP:Server:TrustForwardedHeaders", "true").Attach(new CapturedLogs());

        public CapturedLogs Logs { get; }
    }
}

/// <summary>A known proxy that is not an address or network stops start-up with a message naming it.</summary>
public sealed class KnownProxiesValidationTests
{
    [Fact]
    public async Task A_malformed_entry_stops_start_up_and_is_named()
    {
        var factory = new IdPFactory<Sqlite>().With("IdP:Server:TrustForwardedHeaders", "true").With("IdP:Server:KnownProxies:0", "proxy.internal");

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);
        await factory.DisposeAsync();

        Assert.Contains("'proxy.internal'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("IdP:Server:KnownProxies", error.ToString(), StringComparison.Ordinal);
    }
}
