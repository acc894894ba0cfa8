namespace IdP.Server.Journeys;

/// <summary>
/// A random per-browser secret in an HttpOnly cookie. Journeys store only its hash, so a leaked <c>tx</c> id (in a
/// log, a referrer, a screenshot) cannot be continued from another browser.
/// </summary>
public static class BrowserBinding
{
    public const string CookieName = "idp.binding";

    /// <summary>The browser's binding secret, if it sent one.</summary>
    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && value.Length is > 20 and < 64 ? value : null;

    /// <summary>
    /// The browser's binding secret, creating and setting the cookie when it has none. A browser that holds the cookie
    /// but did not send it (a cross-site POST) would lose it here; the authorize endpoint turns such POSTs into GETs first.
    /// </summary>
    public static string GetOrCreate(HttpContext context)
    {
        if (Read(context) is { } existing)
        {
            return existing;
        }

        var secret = JourneyService.Base64Url(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            // Like the other cookies: Secure whenever the server requires HTTPS, not only when this request is HTTPS.
            Secure = context.Request.IsHttps || context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.RequireHttps,
            Path = "/",
        });
        return secret;
    }
}
