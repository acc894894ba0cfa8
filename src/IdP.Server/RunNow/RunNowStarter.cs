namespace IdP.Server.RunNow;

/// <summary>
/// Starts a run: fills in what the developer left out (the application's reply URL, PKCE), has OpenIddict judge the
/// resulting authorize request (<see cref="AuthorizeRequestCheck"/>), keeps what the viewer will check (state, nonce,
/// PKCE verifier) when the response comes to our viewer, and writes the flow's authorize URL on the request's own host.
/// </summary>
public sealed class RunNowStarter(
    IOpenIddictApplicationManager applications,
    AuthorizeRequestCheck openIddict,
    RedirectUriTrust trust,
    RunNowService runs,
    CodeVerifierProtector verifiers,
    ILogger<RunNowStarter> logger)
{
    /// <param name="http">The run-now request: its origin is where the flow and the viewer are.</param>
    /// <param name="flowRequest">The flow to run, with the tenant segment and endpoint form the run-now URL used.</param>
    /// <param name="parameters">The run's checked parameters.</param>
    /// <param name="runAgainUrl">Path and query that repeat this run.</param>
    public async Task<RunNowStartResult> StartAsync(HttpContext http, PolicyRequest flowRequest, RunNowParameters parameters, string runAgainUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flowRequest);
        ArgumentNullException.ThrowIfNull(parameters);
        var ct = http.RequestAborted;
        var viewer = RunNowApplication.ViewerUri(flowRequest.Origin, flowRequest.TenantSegment);
        var clientId = parameters.ClientId ?? RunNowApplication.ClientId;
        var application = await applications.FindByClientIdAsync(clientId, ct);
        var publicClient = application is not null && await applications.HasClientTypeAsync(application, ClientTypes.Public, ct);

        // Run now's own defaults, not OpenIddict's rules: which reply URL to use when none is given.
        var redirectUri = parameters.RedirectUri;
        if (redirectUri is null && application is not null)
        {
            string[] registered = clientId == RunNowApplication.ClientId ? [viewer] : [.. await applications.GetRedirectUrisAsync(application, ct)];
            redirectUri = registered.Contains(viewer, StringComparer.Ordinal) ? viewer : registered.Length == 1 ? registered[0] : null;
            if (redirectUri is null && registered.Length > 1)
            {
                return Refused(flowRequest, new RunNowStartResult.ChooseRedirectUri(clientId));
            }
        }

        // The viewer's own limit: it redeems codes as a public client, with no application's secret.
        var toViewer = string.Equals(redirectUri, viewer, StringComparison.Ordinal);
        var code = parameters.ResponseType == RunNowResponseType.Code;
        if (toViewer && code && application is not null && !publicClient)
        {
            return Refused(flowRequest, new RunNowStartResult.ViewerCannotRedeem(clientId));
        }

        // PKCE for our viewer (it redeems the code) and for public clients (the authorize endpoint requires it).
        var verifier = code && (toViewer || publicClient) ? Pkce.CreateVerifier() : null;
        var request = new RunNowAuthorizeRequest(clientId, RunNowService.NewValue(), redirectUri, parameters.Scope, parameters.ResponseType, RunNowService.NewValue())
        {
            // form_post keeps tokens and codes out of URLs, browser history and request logs on the way to our viewer.
            ResponseMode = toViewer ? "form_post" : null,
            CodeChallenge = verifier is null ? null : Pkce.Challenge(verifier),
            UiLocales = parameters.UiLocales,
            LoginHint = parameters.LoginHint,
        };

        if (await openIddict.CheckAsync(http, flowRequest, RunNowAuthorizeUrl.Parameters(request)) is { } refusal)
        {
            // The authorize endpoint's own decision: an error goes back to the app only at a trusted reply URL, and
            // otherwise its AADB2C90006 page is shown.
            return Refused(flowRequest, await trust.IsTrustedAsync(http, clientId, redirectUri, ct)
                ? new RunNowStartResult.RefusedByOpenIddict(refusal, clientId)
                : new RunNowStartResult.RedirectUriNotRegistered(redirectUri, clientId));
        }

        if (toViewer)
        {
            // The response goes to the app's own reply URL otherwise, as B2C's Run now does; the app keeps its own state.
            await runs.StartAsync(
                new RunNowStart(request.State, request.Nonce, flowRequest.Flow.Name, flowRequest.TenantSegment, clientId, viewer, parameters.ResponseType, runAgainUrl)
                {
                    ProtectedCodeVerifier = verifier is null ? null : verifiers.Protect(verifier),
                },
                BrowserBinding.GetOrCreate(http),
                ct);
        }

        Log.RunStarted(logger, flowRequest.Flow.Name, clientId, parameters.ResponseType.ToWireValue(), toViewer);
        return new RunNowStartResult.Redirect(RunNowAuthorizeUrl.Build(flowRequest.EndpointUri(PolicyEndpoint.Authorize), request));
    }

    private RunNowStartResult Refused(PolicyRequest flowRequest, RunNowStartResult refusal)
    {
        Log.RunRefused(logger, flowRequest.Flow.Name, refusal.GetType().Name);
        return refusal;
    }
}

/// <summary>Where a run-now request goes: to the flow's authorize endpoint, or nowhere and why.</summary>
public abstract record RunNowStartResult
{
    private RunNowStartResult()
    {
    }

    /// <summary>To the flow's authorize endpoint.</summary>
    public sealed record Redirect(string AuthorizeUrl) : RunNowStartResult;

    /// <summary>Unknown client, or a reply URL it has not registered: the authorize endpoint's AADB2C90006.</summary>
    public sealed record RedirectUriNotRegistered(string? RedirectUri, string ClientId) : RunNowStartResult;

    /// <summary>No <c>redirect_uri</c> and the app has several (none of them the viewer): the developer must pick one.</summary>
    public sealed record ChooseRedirectUri(string ClientId) : RunNowStartResult;

    /// <summary>A code for a confidential app sent to our viewer, which cannot redeem it without the app's secret.</summary>
    public sealed record ViewerCannotRedeem(string ClientId) : RunNowStartResult;

    /// <summary>OpenIddict refused the authorize request (AADB2C90057, a scope…) for a reply URL it would answer.</summary>
    public sealed record RefusedByOpenIddict(OpenIddictRefusal Refusal, string ClientId) : RunNowStartResult;
}
