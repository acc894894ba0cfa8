namespace IdP.Server.Protocol;

/// <summary>
/// A feature's own rule for its built-in client's reply URL (Run now's viewer, the admin portal's callback, each on the
/// origin of the request); <see cref="ValidateRedirectUriByRules"/> asks it instead of the registered reply URLs.
/// </summary>
public interface IRedirectUriRule
{
    /// <summary>True when this rule decides the reply URLs of <paramref name="clientId"/>.</summary>
    bool Owns(string clientId);

    /// <summary>True when this rule owns <paramref name="clientId"/> and accepts <paramref name="redirectUri"/> for this request.</summary>
    bool Accepts(HttpContext http, string clientId, string redirectUri);
}

/// <summary>
/// Whether a response may be sent to a client's reply URL: the client exists and the URL is registered for it
/// exactly, or a feature rule accepts it. Used where we decide ourselves (errors to return to the app, the
/// AADB2C90006 page), so those decisions agree with OpenIddict's validation.
/// </summary>
public sealed class RedirectUriTrust(IOpenIddictApplicationManager applications, IEnumerable<IRedirectUriRule> rules)
{
    /// <summary>True when <paramref name="redirectUri"/> is a trusted reply URL of <paramref name="clientId"/>.</summary>
    public async Task<bool> IsTrustedAsync(HttpContext http, string? clientId, string? redirectUri, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(redirectUri))
        {
            return false;
        }

        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        return rules.Any(rule => rule.Accepts(http, clientId, redirectUri))
            || await applications.ValidateRedirectUriAsync(application, redirectUri, cancellationToken);
    }
}
