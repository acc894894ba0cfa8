using IdP.Core.RunNow;

namespace IdP.Server.Tests.RunNow;

/// <summary>
/// Where TLS ends at a proxy, the server listens on plain HTTP only; the viewer still redeems codes at its own address,
/// saying (as the proxy does) that the browser used HTTPS, so the token endpoint's HTTPS requirement and issuer hold.
/// </summary>
public sealed class RunNowBehindTlsProxyTests(RunNowBehindTlsProxyFactory factory) : IClassFixture<RunNowBehindTlsProxyFactory>
{
    [Fact]
    public async Task A_code_from_an_https_viewer_reaches_the_token_endpoint_as_https()
    {
        var redemption = await RedeemAsync(factory);

        // The token endpoint judged the (made-up) code itself: it was reached, and over what it takes for HTTPS.
        var refused = Assert.IsType<CodeRedemption.Refused>(redemption);
        Assert.Equal("invalid_grant", refused.Error);
    }

    [Fact]
    public async Task A_guessed_own_request_marker_does_not_make_a_request_https()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{factory.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");
        request.Headers.Add(OwnRequestMarker.HeaderName, "guessed");

        using var response = await client.SendAsync(request);

        // The server requires HTTPS and this request is plain HTTP from loopback with a wrong marker: refused as HTTP.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_forwarded_headers_an_https_viewer_on_a_plain_http_server_cannot_redeem()
    {
        await using var plain = new RunNowBehindTlsProxyFactory();
        plain.With("IdP:Server:TrustForwardedHeaders", "false");
        await plain.InitializeAsync();

        Assert.Null(await RedeemAsync(plain));
    }

    private static Task<CodeRedemption?> RedeemAsync(IdPFactory server) =>
        server.WithScopeAsync(sp =>
        {
            var viewer = new DefaultHttpContext { RequestServices = sp };
            viewer.Request.Scheme = "https";
            viewer.Request.Host = new HostString("idp.example.com");
            var run = new RunNowRun
            {
                State = "s",
                BindingHash = "b",
                Nonce = "n",
                Policy = IdPFactory.SignInPolicy,
                TenantSegment = IdPFactory.Tenant,
                ClientId = RunNowApplication.ClientId,
                RedirectUri = RunNowApplication.ViewerUri("https://idp.example.com", IdPFactory.Tenant),
                ResponseType = "code",
                RunAgainUrl = "/",
            };
            return sp.GetRequiredService<CodeRedeemer>().RedeemAsync(viewer.Request, run, "not-a-real-code", "verifier-verifier-verifier-verifier-verifier", CancellationToken.None);
        });
}

/// <summary>A server on plain HTTP (a real port) that requires HTTPS and trusts forwarded headers from a (remote) proxy network.</summary>
public sealed class RunNowBehindTlsProxyFactory : BrowserIdPFactory
{
    public RunNowBehindTlsProxyFactory() => With("IdP:Server:RequireHttps", "true")
        .With("IdP:Server:TrustForwardedHeaders", "true")
        .With("IdP:Server:KnownProxies:0", "10.9.8.0/24");
}
