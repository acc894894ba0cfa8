namespace IdP.Server.SignIn;

/// <summary>
/// Whether a browser would send a <c>SameSite=Lax</c> cookie with this request, told from its Fetch Metadata headers:
/// every request from our own site or none (typed, bookmarked), and from another site only a top-level GET navigation.
/// The SSO cookie is <c>SameSite=None</c> over HTTPS so that silent sign-in works in a cross-site iframe; what changes
/// state with it (ending the session) asks this, so another site gains nothing it could not do while the cookie was Lax.
/// A request without the headers (an older browser, a client that is no browser) counts as one that would.
/// </summary>
internal static class LaxCookieRequest
{
    public static bool WouldCarry(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        if (!string.Equals(headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && string.Equals(headers["Sec-Fetch-Mode"], "navigate", StringComparison.OrdinalIgnoreCase)
            && string.Equals(headers["Sec-Fetch-Dest"], "document", StringComparison.OrdinalIgnoreCase);
    }
}
