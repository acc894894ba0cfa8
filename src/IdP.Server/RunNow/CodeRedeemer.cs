using IdP.Core.RunNow;
using IdP.Server.Hosting;
using IdP.Server.Protocol;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IdP.Server.RunNow;

/// <summary>
/// Redeems a run's code at the flow's token endpoint exactly as an app would (client id, reply URL, PKCE verifier), so
/// the viewer shows what the real token endpoint returns. Never retried: a code is single use, and a second attempt
/// would revoke what the first one issued.
/// </summary>
/// <remarks>
/// Anyone can start a run and post to the viewer, so the token request must never go to an address taken from their
/// request (a forged Host header once made the server post codes to any host and port). It goes over a connection to
/// an address the server itself listens on (<see cref="OwnAddress"/>); the viewer request's host is only the Host
/// header on that connection, so the token endpoint derives the issuer the browser saw. Of the alternatives, running
/// the request through the application's pipeline in memory re-hosts ASP.NET Core, and issuing tokens through
/// OpenIddict's services directly would copy the token endpoint's own rules (flow, account, SPA lifetime); over
/// loopback the real endpoint decides everything. Where TLS ends at a proxy (forwarded headers trusted) and the server
/// has no HTTPS endpoint of its own, it calls its plain-HTTP address with the process's own marker, which makes the call
/// HTTPS as the browser's was (<see cref="OwnRequestMarker"/>). Without forwarded headers and without an endpoint of
/// the browser's scheme, code runs cannot be redeemed (the viewer says so; id_token runs work).
/// </remarks>
public sealed class CodeRedeemer(IServer server, IHttpClientFactory clients, OwnRequestMarker marker, IOptions<ServerOptions> serverOptions, ILogger<CodeRedeemer> logger)
{
    /// <summary>The named HTTP client of the loopback connection (no proxy, no redirects, no cookies).</summary>
    public const string ClientName = "IdP.RunNow.OwnTokenEndpoint";

    /// <summary>What the server says it is when it calls itself, for the audit log and request logs.</summary>
    public const string UserAgent = "IdP-RunNow-Viewer";

    /// <param name="viewerRequest">The request that brought the code: the token request keeps its scheme, host and
    /// path base, so the tokens' issuer is the one the browser saw.</param>
    /// <param name="run">The run the code belongs to (flow, application, reply URL).</param>
    /// <param name="code">The authorization code.</param>
    /// <param name="codeVerifier">The run's PKCE verifier.</param>
    /// <param name="cancellationToken">The viewer request's cancellation.</param>
    /// <returns>The token endpoint's answer, or null when it could not be reached.</returns>
    public async Task<CodeRedemption?> RedeemAsync(HttpRequest viewerRequest, RunNowRun run, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewerRequest);
        ArgumentNullException.ThrowIfNull(run);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var own = OwnAddress.Find(addresses, viewerRequest.Scheme);
        var behindTlsProxy = false;
        if (own is null && viewerRequest.IsHttps && serverOptions.Value.TrustForwardedHeaders && OwnAddress.Find(addresses, Uri.UriSchemeHttp) is { } plain)
        {
            (own, behindTlsProxy) = (plain, true);
        }

        if (own is null)
        {
            Log.NoOwnAddress(logger, viewerRequest.Scheme);
            return null;
        }

        var tokenEndpoint = viewerRequest.PathBase.Add(new PathString($"/{run.TenantSegment}/{run.Policy}/{PolicyEndpointPaths.Suffixes[PolicyEndpoint.Token]}"));
        // Appended to the authority as text, not resolved against it, so no path can name another host ("//host/…").
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(own.GetLeftPart(UriPartial.Authority) + tokenEndpoint.ToUriComponent()))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = run.ClientId,
                ["redirect_uri"] = run.RedirectUri,
                ["code"] = code,
                ["code_verifier"] = codeVerifier,
            }),
        };
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (behindTlsProxy)
        {
            marker.Mark(request);
        }

        try
        {
            // The host the browser used, so the token endpoint derives the issuer the browser saw: only a header here.
            request.Headers.Host = viewerRequest.Host.Value;
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var redemption = CodeRedemption.Read((int)response.StatusCode, body);
            if (redemption is CodeRedemption.Unreadable)
            {
                Log.TokenEndpointReplyUnreadable(logger, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString());
            }

            return redemption;
        }
        catch (Exception exception) when (exception is HttpRequestException or FormatException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.OwnTokenEndpointUnreachable(logger, own, exception);
            return null;
        }
    }
}
