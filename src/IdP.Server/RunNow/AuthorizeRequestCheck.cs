using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.RunNow;

/// <summary>
/// Asks OpenIddict whether it accepts a run's authorize request: OpenIddict's own validation of authorization requests
/// (every built-in handler, and the server's own ones such as AADB2C90057 and the built-in application's reply URL)
/// runs on the exact request Run now is about to send. Run now re-checks none of those rules; it explains the verdict.
/// </summary>
/// <remarks>
/// Why before the browser leaves rather than from what comes back: the authorize endpoint returns a refusal to the
/// reply URL when it trusts it, and for a run of the developer's own application that is their application, not the
/// viewer, so the explanation would never be shown. Nothing is issued or stored here; the real request is validated
/// again when the browser sends it, and whatever it is refused for then reaches the viewer (or our AADB2C90006 page).
/// </remarks>
public sealed class AuthorizeRequestCheck(IOpenIddictServerFactory factory, IOpenIddictServerDispatcher dispatcher)
{
    /// <param name="http">The run-now request: the authorize request goes to its origin.</param>
    /// <param name="flowRequest">The flow the authorize request is for, on that origin.</param>
    /// <param name="parameters">The authorize request's parameters.</param>
    /// <returns>Null when OpenIddict accepts the request, else its refusal.</returns>
    public async Task<OpenIddictRefusal?> CheckAsync(HttpContext http, PolicyRequest flowRequest, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flowRequest);
        var request = new OpenIddictRequest(parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        var transaction = await factory.CreateTransactionAsync();
        transaction.EndpointType = OpenIddictServerEndpointType.Authorization;
        transaction.BaseUri = flowRequest.Issuer;
        transaction.RequestUri = new Uri(flowRequest.Issuer, PolicyEndpointPaths.Suffixes[PolicyEndpoint.Authorize]);
        transaction.Request = request;
        transaction.CancellationToken = http.RequestAborted;

        // Handlers that read the HTTP request (the built-in application's "viewer on this origin" rule) see this one,
        // which is on the authorize request's origin, with the flow request the authorize endpoint will resolve.
        transaction.Properties[typeof(HttpRequest).FullName!] = new WeakReference<HttpRequest>(http.Request);
        http.SetPolicyRequest(flowRequest);

        var context = new ValidateAuthorizationRequestContext(transaction);
        await dispatcher.DispatchAsync(context);
        return context.IsRejected
            ? new OpenIddictRefusal(request, context.Error ?? OpenIddictConstants.Errors.InvalidRequest, context.ErrorDescription, context.ErrorUri)
            : null;
    }
}

/// <summary>OpenIddict's refusal of an authorize request, as it would answer it, with the request it refused.</summary>
public sealed record OpenIddictRefusal(OpenIddictRequest Request, string Error, string? Description, string? ErrorUri)
{
    /// <summary>The description an application would receive: B2C's text, with its AADB2C code where B2C has one.</summary>
    public string? B2CDescription => B2CErrorTranslation.Translate(tokenEndpoint: false, Error, Description, ErrorUri, grantExpired: false, Request);
}
