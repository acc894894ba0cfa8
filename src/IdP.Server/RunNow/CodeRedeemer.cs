using IdP.Core.RunNow;
using IdP.Server.Protocol;

namespace IdP.Server.RunNow;

/// <summary>
/// Redeems a run's code at the flow's token endpoint exactly as an app would (client id, reply URL, PKCE verifier), so
/// the viewer shows what the real token endpoint returns. The request goes through the server's own pipeline, not the
/// network: anyone can start a run and post to the viewer, and a back-channel call to an address taken from their
/// request would let them make the server post to any host. Never retried: a code is single use, and a second attempt
/// would revoke what the first one issued.
/// </summary>
public sealed class CodeRedeemer(OwnPipeline pipeline, ILogger<CodeRedeemer> logger)
{
    /// <param name="viewerRequest">The request that brought the code: the token request keeps its scheme, host and
    /// path base, so the tokens' issuer is the one the browser saw.</param>
    /// <param name="run">The run the code belongs to (flow, application, reply URL).</param>
    /// <param name="code">The authorization code.</param>
    /// <param name="codeVerifier">The run's PKCE verifier.</param>
    /// <param name="cancellationToken">The viewer request's cancellation.</param>
    public async Task<CodeRedemption> RedeemAsync(HttpRequest viewerRequest, RunNowRun run, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tokenEndpoint = new PathString($"/{run.TenantSegment}/{run.Policy}/{PolicyEndpointPaths.Suffixes[PolicyEndpoint.Token]}");
        var response = await pipeline.PostFormAsync(viewerRequest, tokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = run.ClientId,
            ["redirect_uri"] = run.RedirectUri,
            ["code"] = code,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

        var redemption = CodeRedemption.Read(response.StatusCode, response.Body);
        if (redemption is CodeRedemption.Unreadable)
        {
            Log.TokenEndpointReplyUnreadable(logger, response.StatusCode, response.ContentType);
        }

        return redemption;
    }
}
