namespace IdP.Core.RunNow;

/// <summary>
/// What a new run is for: its <c>state</c> and <c>nonce</c> (already in the authorize request the caller checked), the
/// flow, the application and reply URL, and what to ask for.
/// </summary>
public sealed record RunNowStart(string State, string Nonce, string Policy, string TenantSegment, string ClientId, string RedirectUri, RunNowResponseType ResponseType, string RunAgainUrl)
{
    /// <summary>The PKCE verifier of a code run, already protected by the caller (IdP.Core never sees it in clear).</summary>
    public string? ProtectedCodeVerifier { get; init; }
}
