namespace IdP.Server.Admin.Portal;

/// <summary>
/// The portal's reply URL is its callback on the origin of this very authorize request, compared exactly: the portal
/// answers on every host the server answers, and nothing is registered from Host headers. The reasoning is Run now's
/// (see <c>ValidateRunNowRedirectUri</c>): a response can only go back to the origin that served the sign-in page.
/// </summary>
internal sealed class PortalRedirectUriRule(IOptionsMonitor<PortalOptions> options) : IRedirectUriRule
{
    public bool Owns(string clientId) => options.CurrentValue.Enabled && string.Equals(clientId, PortalApplication.ClientId, StringComparison.Ordinal);

    public bool Accepts(HttpContext http, string clientId, string redirectUri)
    {
        if (!Owns(clientId))
        {
            return false;
        }

        var policy = http.GetPolicyRequest();
        return policy is not null && string.Equals(redirectUri, PortalApplication.RedirectUri(policy.Origin), StringComparison.Ordinal);
    }
}
