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
public sealed class CodeRedeemer(OwnTokenEndpoint ownEndpoint, ILogger<CodeRedeemer> logger)
{
    /// <summary>The named HTTP client of the loopback connection (see <see cref="OwnTokenEndpoint"/>).</summary>
    public const string ClientName = OwnTokenEndpoint.ClientName;

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
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = run.ClientId,
            ["redirect_uri"] = run.RedirectUri,
            ["code"] = code,
            ["code_verifier"] = codeVerifier,
        };
        switch (await ownEndpoint.PostAsync(viewerRequest, run.TenantSegment, run.Policy, form, UserAgent, cancellationToken))
        {
            case OwnTokenReply.Answered answered:
                var redemption = CodeRedemption.Read(answered.StatusCode, answered.Body);
                if (redemption is CodeRedemption.Unreadable)
                {
                    Log.TokenEndpointReplyUnreadable(logger, answered.StatusCode, answered.ContentType);
                }

                return redemption;
            case OwnTokenReply.NoAddress noAddress:
                Log.NoOwnAddress(logger, noAddress.Scheme);
                return null;
            case OwnTokenReply.Unreachable unreachable:
                Log.OwnTokenEndpointUnreachable(logger, unreachable.Address, unreachable.Exception);
                return null;
            default:
                throw new InvalidOperationException("Unexpected reply.");
        }
    }
}
