namespace IdP.Server.RunNow;

/// <summary>
/// The reply URL rule of the built-in Run now application (asked by <see cref="ValidateRedirectUriByRules"/>; every
/// other application keeps OpenIddict's exact match against its registered reply URLs). Its only reply URL is "the
/// viewer on the origin of this very authorize request":
/// <c>{scheme://host/pathbase of this request}/{tenant segment}/run-now/result</c>, compared exactly.
/// </summary>
/// <remarks>
/// Why this is safe although the host comes from the request: the viewer must work on every host the server answers
/// (localhost, a custom domain), and registering hosts from Host headers would let anyone add reply URLs. Instead
/// nothing is registered, and a response may only go back to the very origin that served the sign-in page. A browser
/// sends the Host of the URL it opened, so an attacker-chosen host can only receive tokens if the victim signed in on
/// that host, which is phishing they can already do with a page of their own; SSO cookies are per host and do not
/// follow. Tokens are issued to this client only, so no other app or API accepts its ID tokens. Restrict the hosts
/// the server answers with AllowedHosts (and forwarded headers to trusted proxies) as for any other endpoint.
/// </remarks>
internal sealed class ValidateRunNowRedirectUri(IOptionsMonitor<RunNowOptions> options) : IRedirectUriRule
{
    public bool Owns(string clientId) => options.CurrentValue.Enabled && string.Equals(clientId, RunNowApplication.ClientId, StringComparison.Ordinal);

    public bool Accepts(HttpContext http, string clientId, string redirectUri)
    {
        if (!Owns(clientId))
        {
            return false;
        }

        var policy = http.GetPolicyRequest();
        return policy is not null && string.Equals(redirectUri, RunNowApplication.ViewerUri(policy.Origin, policy.TenantSegment), StringComparison.Ordinal);
    }
}
