using IdP.Core.RunNow;
using IdP.Core.UserFlows;
using IdP.Server.Journeys;
using IdP.Server.Protocol;

namespace IdP.Server.RunNow;

/// <summary>
/// Starts a run: checks it (<see cref="RunNowPreflight"/>), keeps what the viewer will check (state, nonce, PKCE
/// verifier) when the response comes to our viewer, and writes the flow's authorize URL on the request's own host.
/// </summary>
public sealed class RunNowStarter(RunNowPreflight preflight, RunNowService runs, CodeVerifierProtector verifiers, ILogger<RunNowStarter> logger)
{
    /// <param name="http">The run-now request: its origin is where the flow and the viewer are.</param>
    /// <param name="tenantSegment">The tenant as the run-now URL named it; the flow's URLs keep that form.</param>
    /// <param name="flow">The user flow to run.</param>
    /// <param name="policyInQuery">True for <c>/{tenant}/run-now?p=</c>: the authorize URL takes the same form.</param>
    /// <param name="parameters">The run's checked parameters.</param>
    /// <param name="runAgainUrl">Path and query that repeat this run.</param>
    public async Task<RunNowStartResult> StartAsync(HttpContext http, string tenantSegment, UserFlow flow, bool policyInQuery, RunNowParameters parameters, string runAgainUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(parameters);
        var origin = http.Request.Origin();
        var plan = await preflight.PlanAsync(parameters, RunNowApplication.ViewerUri(origin, tenantSegment), http.RequestAborted);
        if (plan is not RunNowPlan.Ready ready)
        {
            Log.RunRefused(logger, flow.Name, plan.GetType().Name);
            return new RunNowStartResult.Refused(plan);
        }

        // PKCE for our viewer (it redeems the code) and for public clients (the authorize endpoint requires it).
        var verifier = parameters.ResponseType == RunNowResponseType.Code && (ready.ToViewer || ready.PublicClient) ? Pkce.CreateVerifier() : null;
        string state, nonce;
        if (ready.ToViewer)
        {
            var run = await runs.StartAsync(
                new RunNowStart(flow.Name, tenantSegment, ready.ClientId, ready.RedirectUri, parameters.ResponseType, runAgainUrl)
                {
                    ProtectedCodeVerifier = verifier is null ? null : verifiers.Protect(verifier),
                },
                BrowserBinding.GetOrCreate(http),
                http.RequestAborted);
            (state, nonce) = (run.State, run.Nonce);
        }
        else
        {
            // The response goes to the app's own reply URL, as B2C's Run now does; the app keeps its own state.
            (state, nonce) = (RunNowService.NewValue(), RunNowService.NewValue());
        }

        var authorize = PolicyRequest.PublicEndpoint(origin, tenantSegment, flow.Name, PolicyEndpoint.Authorize, policyInQuery ? EndpointForm.Query : EndpointForm.Path);
        var url = RunNowAuthorizeUrl.Build(authorize, new RunNowAuthorizeRequest(ready.ClientId, nonce, ready.RedirectUri, parameters.Scope, parameters.ResponseType, state)
        {
            // form_post keeps tokens and codes out of URLs, browser history and request logs on the way to our viewer.
            ResponseMode = ready.ToViewer ? "form_post" : null,
            CodeChallenge = verifier is null ? null : Pkce.Challenge(verifier),
            UiLocales = parameters.UiLocales,
            LoginHint = parameters.LoginHint,
        });

        Log.RunStarted(logger, flow.Name, ready.ClientId, parameters.ResponseType.ToWireValue(), ready.ToViewer);
        return new RunNowStartResult.Redirect(url);
    }
}

/// <summary>Where a run-now request goes.</summary>
public abstract record RunNowStartResult
{
    private RunNowStartResult()
    {
    }

    /// <summary>To the flow's authorize endpoint.</summary>
    public sealed record Redirect(string AuthorizeUrl) : RunNowStartResult;

    /// <summary>Nowhere: the run would be refused, and why.</summary>
    public sealed record Refused(RunNowPlan Plan) : RunNowStartResult;
}
