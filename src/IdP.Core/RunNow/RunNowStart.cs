namespace IdP.Core.RunNow;

/// <summary>
/// What a new run is for: its <c>state</c> and <c>nonce</c> (already in the authorize request the caller checked), the
/// flow, the application and reply URL, and what to ask for.
/// </summary>
/// <param name="State">The authorize request's <c>state</c>, which finds the run again.</param>
/// <param name="Nonce">The <c>nonce</c> the ID token must echo.</param>
/// <param name="Policy">The user flow's name.</param>
/// <param name="TenantSegment">The tenant path segment the run uses.</param>
/// <param name="ClientId">The application the run is for.</param>
/// <param name="RedirectUri">Where the flow sends its response.</param>
/// <param name="ResponseType">What the run asks the flow for.</param>
/// <param name="RunAgainUrl">Path and query of the run-now request, for the viewer's "Run again" link.</param>
public sealed record RunNowStart(string State, string Nonce, string Policy, string TenantSegment, string ClientId, string RedirectUri, RunNowResponseType ResponseType, string RunAgainUrl)
{
    /// <summary>The PKCE verifier of a code run, already protected by the caller (IdP.Core never sees it in clear).</summary>
    public string? ProtectedCodeVerifier { get; init; }
}
