namespace IdP.Server.Protocol;

/// <summary>
/// The authorize endpoint after OpenIddict validated the request (client, redirect URI, response type, PKCE, nonce).
/// It answers from the journey the user just finished, or from the SSO session, or sends the user to the flow's pages.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string JourneyParameter = JourneyLinks.JourneyParameter;

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        JourneyService journeys,
        SsoSession sso,
        JourneyLinks links,
        TokenPrincipalFactory principals,
        RedirectUriTrust trust,
        IStringLocalizer<ErrorText> text,
        TimeProvider time)
    {
        if (http.GetPolicyEndpointRequest() is not (var policy, var request))
        {
            return PolicyEndpointFallback.NoRequest(http, text);
        }

        if (http.GetOpenIddictServerResponse() is { Error: { } error } response)
        {
            return await UnredirectableErrorAsync(http, request, error, response.ErrorDescription, trust, text);
        }

        var parameters = AppParameters(request);
        var replayUrl = ReplayUrl(policy, parameters);
        if (!AuthorizeRequestLimits.Fits(replayUrl))
        {
            // A page, not invalid_request at the (valid) reply URL: that answer would carry the same oversized state.
            var message = text["AuthorizeRequestTooLong", replayUrl.Length, AuthorizeRequestLimits.MaxLength];
            return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], message), StatusCodes.Status400BadRequest);
        }

        if (HttpMethods.IsPost(http.Request.Method) && BrowserBinding.Read(http) is null)
        {
            // A cross-site form post carries none of our SameSite=Lax cookies, although the browser may hold them. Sent
            // back as a GET (a top-level navigation, which carries them), the request finds the browser's binding and
            // SSO session, instead of a new binding replacing the old one and ending the browser's other journeys.
            http.Response.Headers.Location = replayUrl;
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        var flow = policy.Flow;
        var ct = http.RequestAborted;
        var fingerprint = AuthorizeRequestFingerprint.Compute(parameters);

        // Only the request that started the journey completes it; any other request with its tx is a new request.
        if (request.GetParameter(JourneyParameter)?.ToString() is { } tx
            && await journeys.FindForRequestAsync(tx, BrowserBinding.Read(http), fingerprint, ct) is { } journey
            && string.Equals(journey.Policy, flow.Name, StringComparison.OrdinalIgnoreCase)
            && journey.ClientId == request.ClientId)
        {
            switch (journey.Status)
            {
                case JourneyStatus.Cancelled:
                    await journeys.CompleteAsync(journey, ct);
                    return OAuthResults.Error(OpenIddictConstants.Errors.AccessDenied, B2CErrorCodes.UserCancelledDescription);
                case JourneyStatus.ForgotPassword:
                    await journeys.CompleteAsync(journey, ct);
                    return OAuthResults.Error(OpenIddictConstants.Errors.AccessDenied, B2CErrorCodes.ForgotPasswordDescription);
                case JourneyStatus.Authenticated:
                    // Stale (password changed, account disabled) or already completed: the user signs in again below.
                    if (await journeys.CompleteSignInAsync(journey, ct) is JourneySignIn.Ready(var account, var authTime))
                    {
                        var principal = await principals.CreateAsync(account, flow, policy.Tenant.Id, authTime, authTime, request.GetScopes(), request.ClientId!, ct);
                        TokenPrincipalFactory.CapRefreshToken(principal, flow, authTime, time.UtcNow());
                        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                    }

                    break;
                case JourneyStatus.Pending:
                    return Results.Redirect(links.FirstPage(http, journey, flow.Type));
                default:
                    break;
            }
        }

        var forceLogin = request.HasPromptValue(PromptValues.Login);
        // A session never skips a forced password change (setting the password rotated the stamp, which ends sessions
        // begun before; this also covers one begun on a flow that ignores the mark). The flow's single sign-on
        // configuration says whether this session counts for this app and flow (SsoSession.ResumeAsync); a session that
        // answers is recorded as used by both.
        if (!forceLogin && flow.Type == UserFlowType.SignIn && await sso.ResumeAsync(http, flow, request.ClientId) is { } resumed
            && !ForcedPasswordChange.Applies(flow, resumed.Account))
        {
            var (sessionAccount, sessionAuthTime, _) = resumed;
            var tooOld = request.MaxAge is { } maxAge && time.UtcNow() - sessionAuthTime > TimeSpan.FromSeconds(maxAge);
            if (!tooOld)
            {
                await sso.NoteUseAsync(http, resumed, new SessionUse(request.ClientId, flow));
                var principal = await principals.CreateAsync(sessionAccount, flow, policy.Tenant.Id, sessionAuthTime, sessionAuthTime, request.GetScopes(), request.ClientId!, ct);
                TokenPrincipalFactory.CapRefreshToken(principal, flow, sessionAuthTime, time.UtcNow());
                return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return OAuthResults.Error(OpenIddictConstants.Errors.LoginRequired, B2CErrorCodes.NoSessionForPromptNoneDescription);
        }

        // Only requests that would store a journey count: an SSO answer or a journey's own replay stores nothing.
        if (await http.HitLimitAsync(AbuseLimit.JourneyStarts) is LimitDecision.Throttled throttled)
        {
            return ThrottledAnswers.Page(http, throttled);
        }

        var started = await journeys.StartAsync(flow.Name, policy.TenantSegment, replayUrl, fingerprint, request.ClientId, BrowserBinding.GetOrCreate(http), ct);
        return Results.Redirect(links.FirstPage(http, started, flow.Type));
    }

    /// <summary>The app's parameters as sent, without ours (<c>tx</c>) and the policy (part of the endpoint URL).</summary>
    private static List<KeyValuePair<string, string>> AppParameters(OpenIddictRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is not (JourneyParameter or PolicyEndpointPaths.PolicyParameter) && value.ToString() is { } text)
            {
                parameters.Add(new(name, text));
            }
        }

        return parameters;
    }

    /// <summary>The app's request as a GET URL on the same endpoint form, so it can be replayed after our pages.</summary>
    private static string ReplayUrl(PolicyRequest policy, List<KeyValuePair<string, string>> parameters) =>
        QueryHelpers.AddQueryString(policy.EndpointUri(PolicyEndpoint.Authorize).PathAndQuery, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    /// <summary>Errors that cannot be sent to the app because its identity or redirect URI is not trusted.</summary>
    private static async Task<IResult> UnredirectableErrorAsync(HttpContext http, OpenIddictRequest request, string error, string? description, RedirectUriTrust trust, IStringLocalizer<ErrorText> text)
    {
        var redirectRegistered = await trust.IsTrustedAsync(http, request.ClientId, request.RedirectUri, http.RequestAborted);

        // A repeated redirect_uri is no URI to name: the page says it is repeated (RefuseRepeatedParameters).
        if (!string.IsNullOrEmpty(request.ClientId) && !redirectRegistered && !RefuseRepeatedParameters.IsRepeated(request, Parameters.RedirectUri))
        {
            var message = B2CErrorCodes.RedirectUriNotRegisteredMessage(request.RedirectUri, request.ClientId);
            return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], message, B2CErrorCodes.RedirectUriNotRegistered), StatusCodes.Status400BadRequest);
        }

        return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], description ?? error, code: null), StatusCodes.Status400BadRequest);
    }
}
