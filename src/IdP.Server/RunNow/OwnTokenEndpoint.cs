using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IdP.Server.RunNow;

/// <summary>
/// Posts a form to a user flow's token endpoint on an address the server itself listens on (<see cref="OwnAddress"/>),
/// never one taken from the request, as the server's own clients need: Run now's viewer (<see cref="CodeRedeemer"/>)
/// and the admin portal's sign-in. The browser request's host only becomes the Host header of that connection, so the
/// token endpoint derives the issuer the browser saw. Behind a TLS-terminating proxy (forwarded headers trusted, no
/// HTTPS endpoint of its own) the call goes to the plain-HTTP address with the process's marker, which makes it HTTPS
/// as the browser's request was (<see cref="OwnRequestMarker"/>).
/// </summary>
public sealed class OwnTokenEndpoint(IServer server, IHttpClientFactory clients, OwnRequestMarker marker, IOptions<ServerOptions> serverOptions)
{
    /// <summary>The named HTTP client of the loopback connection (no proxy, no redirects, no cookies).</summary>
    public const string ClientName = "IdP.RunNow.OwnTokenEndpoint";

    /// <summary>Registers the endpoint's client and marker (once, whichever feature asks first).</summary>
    public static IServiceCollection AddOwnTokenEndpoint(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<OwnRequestMarker>();
        services.TryAddScoped<OwnTokenEndpoint>();
        services.AddHttpClient(ClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(30);
                client.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Straight to the server's own socket: never through a proxy from the environment (it would see the
                // code), never on to another address by redirect, and no cookies kept between calls.
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        return services;
    }

    /// <param name="browserRequest">The browser's request: the call keeps its scheme, host and path base.</param>
    /// <param name="tenantSegment">The tenant segment of the flow's URLs.</param>
    /// <param name="policy">The user flow whose token endpoint is called.</param>
    /// <param name="form">The token request's parameters.</param>
    /// <param name="userAgent">What the server calls itself in the request (audit log, request logs).</param>
    /// <param name="cancellationToken">The browser request's cancellation.</param>
    public async Task<OwnTokenReply> PostAsync(HttpRequest browserRequest, string tenantSegment, string policy, IEnumerable<KeyValuePair<string, string>> form, string userAgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(browserRequest);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var own = OwnAddress.Find(addresses, browserRequest.Scheme);
        var behindTlsProxy = false;
        if (own is null && browserRequest.IsHttps && serverOptions.Value.TrustForwardedHeaders && OwnAddress.Find(addresses, Uri.UriSchemeHttp) is { } plain)
        {
            (own, behindTlsProxy) = (plain, true);
        }

        if (own is null)
        {
            return new OwnTokenReply.NoAddress(browserRequest.Scheme);
        }

        var tokenEndpoint = browserRequest.PathBase.Add(new PathString($"/{tenantSegment}/{policy}/{PolicyEndpointPaths.Suffixes[PolicyEndpoint.Token]}"));
        // Appended to the authority as text, not resolved against it, so no path can name another host ("//host/…").
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(own.GetLeftPart(UriPartial.Authority) + tokenEndpoint.ToUriComponent()))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.UserAgent.ParseAdd(userAgent);
        if (behindTlsProxy)
        {
            marker.Mark(request);
        }

        try
        {
            // The host the browser used, so the token endpoint derives the issuer the browser saw: only a header here.
            request.Headers.Host = browserRequest.Host.Value;
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new OwnTokenReply.Answered((int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString());
        }
        catch (Exception exception) when (exception is HttpRequestException or FormatException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new OwnTokenReply.Unreachable(own, exception);
        }
    }
}

/// <summary>What came of a call to the server's own token endpoint.</summary>
public abstract record OwnTokenReply
{
    private OwnTokenReply()
    {
    }

    /// <summary>The token endpoint answered.</summary>
    public sealed record Answered(int StatusCode, byte[] Body, string? ContentType) : OwnTokenReply;

    /// <summary>The server listens on no address of the scheme the browser used (TLS ended at a proxy?).</summary>
    public sealed record NoAddress(string Scheme) : OwnTokenReply;

    /// <summary>The server's own address did not answer.</summary>
    public sealed record Unreachable(Uri Address, Exception Exception) : OwnTokenReply;
}
