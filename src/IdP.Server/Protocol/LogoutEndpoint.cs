namespace IdP.Server.Protocol;

/// <summary>
/// Ends the SSO session. With a registered <c>post_logout_redirect_uri</c>, OpenIddict sends the browser back there
/// with <c>state</c>; without one, the user sees a signed-out page. A flow with "Require ID Token in logout requests"
/// signs out only with a valid <c>id_token_hint</c> it issued.
/// </summary>
internal static class LogoutEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, SsoSession sso, AuditLog audit, IStringLocalizer<ErrorText> text)
    {
        if (http.GetPolicyEndpointRequest() is not (var policy, var request))
        {
            return PolicyEndpointFallback.NoRequest(http, text);
        }

        if (http.GetOpenIddictServerResponse() is { Error: { } error } response)
        {
            return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], response.ErrorDescription ?? error), StatusCodes.Status400BadRequest);
        }

        // B2C's "Require ID Token in logout requests": without a hint, nobody is signed out (B2C's AADB2C90272).
        var flow = policy.Flow;
        if (string.IsNullOrEmpty(request.IdTokenHint) && flow.RequireIdTokenInLogoutRequests)
        {
            return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], text["IdTokenHintRequired"], B2CErrorCodes.IdTokenHintRequired), StatusCodes.Status400BadRequest);
        }

        // OpenIddict treats id_token_hint as optional and ignores one it cannot validate. OpenID Connect RP-initiated
        // logout says the OP must check it issued the hint, so a hint that fails (another issuer, a forged or garbled
        // token) is refused rather than silently used to send the browser on. A flow that requires the hint also wants
        // it to be its own: every flow shares the tenant issuer and keys, so only the flow claim tells them apart.
        if (!string.IsNullOrEmpty(request.IdTokenHint)
            && ((await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal is not { Identity.IsAuthenticated: true } hint
                || (flow.RequireIdTokenInLogoutRequests && !IssuedFor(hint, flow))))
        {
            return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], text["InvalidIdTokenHint"]), StatusCodes.Status400BadRequest);
        }

        await sso.SignOutAsync(http);
        await audit.RecordAsync(AuditEventTypes.SignOut, policy: policy.Flow.Name, clientId: request.ClientId, cancellationToken: http.RequestAborted);

        if (!string.IsNullOrEmpty(request.PostLogoutRedirectUri))
        {
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return ErrorPage.Result(ErrorPage.Model(http, text["SignedOutTitle"], text["SignedOutMessage"]), StatusCodes.Status200OK);
    }

    // The hint names its flow in tfp or acr, whichever that flow's "Claim representing user flow" chose when it was issued.
    private static bool IssuedFor(ClaimsPrincipal hint, UserFlow flow) =>
        string.Equals(hint.GetClaim(UserFlow.TfpClaimType) ?? hint.GetClaim(UserFlow.AcrClaimType), flow.Name, StringComparison.OrdinalIgnoreCase);
}
