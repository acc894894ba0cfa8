namespace IdP.Server.RunNow;

/// <summary>
/// The viewer's work, as a relying party does it: match the response to its run (state, browser), redeem a code with
/// the run's PKCE verifier, and check each token (signature against the JWKS, issuer, audience, nonce, lifetime).
/// </summary>
public sealed class RunNowViewer(
    RunNowService runs,
    TenantService tenants,
    UserFlowService flows,
    CodeRedeemer redeemer,
    CodeVerifierProtector verifiers,
    TokenSignature signatures,
    RefreshTokenInspector refreshTokens,
    TimeProvider time,
    ILogger<RunNowViewer> logger)
{
    public async Task<ViewerOutcome> ShowAsync(HttpContext http, string tenantSegment, FlowResponse response)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(response);
        var outcome = await DecideAsync(http, tenantSegment, response);
        Log.ViewerOutcome(logger, outcome.GetType().Name);
        return outcome;
    }

    private async Task<ViewerOutcome> DecideAsync(HttpContext http, string tenantSegment, FlowResponse response)
    {
        var ct = http.RequestAborted;
        var tenant = await tenants.ResolveAsync(tenantSegment, ct);
        if (tenant is null)
        {
            return new ViewerOutcome.TenantNotFound();
        }

        if (response.IsEmpty)
        {
            return new ViewerOutcome.Waiting();
        }

        RunNowRun run;
        switch (await runs.RedeemAsync(response.State, BrowserBinding.Read(http), ct))
        {
            case RunNowRedemption.Redeemed redeemed when string.Equals(redeemed.Run.TenantSegment, tenantSegment, StringComparison.OrdinalIgnoreCase):
                run = redeemed.Run;
                break;
            case RunNowRedemption.Expired expired:
                return new ViewerOutcome.ExpiredRun(expired.Run);
            case RunNowRedemption.AlreadyShown shown:
                return new ViewerOutcome.AlreadyShown(shown.Run);
            default:
                return new ViewerOutcome.UnknownRun();
        }

        if (await flows.FindAsync(run.Policy, ct) is not { } flow)
        {
            return new ViewerOutcome.FlowNotFound(run);
        }

        if (response.Error is { } error)
        {
            return new ViewerOutcome.FlowError(run, error, response.ErrorDescription, response.Mode);
        }

        var origin = http.Request.Origin();
        var issuer = new PolicyRequest(tenant, flow, run.TenantSegment, EndpointForm.Path, PolicyEndpoint.Authorize, origin).Issuer;
        var stateCheck = new TokenCheck(TokenCheckKind.State, true);

        if (run.ResponseType == RunNowResponseTypes.IdToken)
        {
            return response is { IdToken: { } idToken, Code: null }
                ? new ViewerOutcome.Tokens(run, response.Mode, [stateCheck], await IdTokenAsync(idToken, issuer, run))
                : new ViewerOutcome.UnexpectedResponse(run);
        }

        if (response is not { Code: { } code, IdToken: null })
        {
            return new ViewerOutcome.UnexpectedResponse(run);
        }

        // Only named on the page when redemption fails; the code never travels to this address (see CodeRedeemer).
        var tokenEndpoint = PolicyRequest.PublicEndpoint(origin, run.TenantSegment, run.Policy, PolicyEndpoint.Token);
        var verifier = run.ProtectedCodeVerifier is { } protectedVerifier ? verifiers.Unprotect(protectedVerifier) : null;
        if (verifier is null)
        {
            return new ViewerOutcome.RedemptionFailed(run, tokenEndpoint.AbsoluteUri);
        }

        switch (await redeemer.RedeemAsync(http.Request, run, code, verifier, ct))
        {
            case CodeRedemption.Tokens tokens:
                return new ViewerOutcome.Tokens(run, response.Mode, [stateCheck, new TokenCheck(TokenCheckKind.ProofKey, true)], await IdTokenAsync(tokens.IdToken, issuer, run))
                {
                    AccessToken = tokens.AccessToken is { } accessToken ? await AccessTokenAsync(accessToken, issuer) : null,
                    RefreshToken = tokens.RefreshToken,
                    RefreshTokenFacts = tokens.RefreshToken is { } refreshToken ? await refreshTokens.InspectAsync(refreshToken, issuer, ct) : null,
                    TokenResponse = tokens,
                };
            case CodeRedemption.Refused refused:
                return new ViewerOutcome.RedemptionRefused(run, refused.Error, refused.Description);
            default:
                return new ViewerOutcome.RedemptionFailed(run, tokenEndpoint.AbsoluteUri);
        }
    }

    private async Task<TokenView> IdTokenAsync(string token, Uri issuer, RunNowRun run)
    {
        var decoding = JwtDecoder.Decode(token);
        if (decoding is not JwtDecoding.Decoded { Token: var jwt })
        {
            return new TokenView(token, decoding, null, []);
        }

        return new TokenView(token, decoding, await signatures.VerifyAsync(token), TokenChecks.ForIdToken(jwt, issuer.AbsoluteUri, run.ClientId, run.Nonce, time.UtcNow()));
    }

    private async Task<TokenView> AccessTokenAsync(string token, Uri issuer)
    {
        var decoding = JwtDecoder.Decode(token);
        if (decoding is not JwtDecoding.Decoded { Token: var jwt })
        {
            return new TokenView(token, decoding, null, []);
        }

        return new TokenView(token, decoding, await signatures.VerifyAsync(token), TokenChecks.ForAccessToken(jwt, issuer.AbsoluteUri, time.UtcNow()));
    }
}
