namespace IdP.Core.Applications;

/// <summary>
/// What each platform accepts as a reply URL, and how a requested URL matches a registered one. Matching is exact
/// (ordinal), except that a loopback reply URL on the public client platform matches any port (RFC 8252 §7.3), which
/// desktop apps need because they listen on whatever port is free.
/// </summary>
public static class RedirectUriRules
{
    /// <summary>Longest reply URL, in characters.</summary>
    public const int MaxLength = 2048;

    private static readonly HashSet<string> ForbiddenSchemes = new(StringComparer.OrdinalIgnoreCase) { "javascript", "data", "file", "vbscript", "blob", "about" };

    /// <summary>Why <paramref name="uri"/> cannot be a reply URL on <paramref name="platform"/>, or null when it can.</summary>
    /// <param name="platform">The platform it is registered on.</param>
    /// <param name="uri">The URL as the operator typed it.</param>
    /// <param name="allowPlainHttp">Plain http for any host (development servers that do not require HTTPS).</param>
    public static string? Problem(AppPlatform platform, string? uri, bool allowPlainHttp) => Problem(platform, uri, allowPlainHttp, postLogout: false);

    /// <summary>Why <paramref name="uri"/> cannot be a post-logout URL, or null when it can (the public client platform's rules).</summary>
    public static string? PostLogoutProblem(string? uri, bool allowPlainHttp) => Problem(AppPlatform.PublicClient, uri, allowPlainHttp, postLogout: true);

    // The same rules for both kinds of URL; the messages name the kind the operator typed.
    private static string? Problem(AppPlatform platform, string? uri, bool allowPlainHttp, bool postLogout)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return postLogout ? AdminText.PostLogoutUrlEmpty : AdminText.ReplyUrlEmpty;
        }

        if (uri.Length > MaxLength)
        {
            return postLogout ? AdminText.PostLogoutUrlTooLong(MaxLength) : AdminText.ReplyUrlTooLong(MaxLength);
        }

        // On Linux and macOS, Uri reads "/signin-oidc" (and on Windows "C:\x") as an absolute file path: a path typed
        // without its origin is not an absolute URL, and saying "must use https" or "scheme 'file'" would mislead.
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || uri.Any(char.IsWhiteSpace)
            || (parsed.IsFile && !uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            return AdminText.UrlNotAbsolute(uri);
        }

        if (parsed.Fragment.Length > 0 || uri.Contains('#', StringComparison.Ordinal))
        {
            return postLogout ? AdminText.PostLogoutUrlFragment(uri) : AdminText.ReplyUrlFragment(uri);
        }

        if (uri.Contains('*', StringComparison.Ordinal))
        {
            return postLogout ? AdminText.PostLogoutUrlWildcard(uri) : AdminText.ReplyUrlWildcard(uri);
        }

        var web = parsed.Scheme is "https" || (parsed.Scheme == "http" && (parsed.IsLoopback || allowPlainHttp));
        return platform switch
        {
            AppPlatform.Web or AppPlatform.Spa when !web => AdminText.UrlNeedsHttps(uri),
            AppPlatform.PublicClient when ForbiddenSchemes.Contains(parsed.Scheme) => AdminText.UrlSchemeCannotReceiveTokens(uri, parsed.Scheme),
            AppPlatform.PublicClient when parsed.Scheme == "http" && !web => AdminText.UrlNeedsHttpsLoopbackOrCustomScheme(uri),
            _ => null,
        };
    }

    /// <summary>True when <paramref name="requested"/> may be used for <paramref name="registered"/> on <paramref name="platform"/>.</summary>
    public static bool Matches(AppPlatform platform, string registered, string requested)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(requested);
        if (string.Equals(registered, requested, StringComparison.Ordinal))
        {
            return true;
        }

        return platform == AppPlatform.PublicClient
            && Uri.TryCreate(registered, UriKind.Absolute, out var a)
            && Uri.TryCreate(requested, UriKind.Absolute, out var b)
            && a.Scheme == "http" && b.Scheme == "http"
            && a.IsLoopback && b.IsLoopback
            && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
            && a.UserInfo.Length == 0 && b.UserInfo.Length == 0
            && string.Equals(a.AbsolutePath, b.AbsolutePath, StringComparison.Ordinal)
            && string.Equals(a.Query, b.Query, StringComparison.Ordinal)
            && b.Fragment.Length == 0;
    }

    /// <summary>The origin (<c>scheme://host[:port]</c>) of a reply URL, as browsers send it in <c>Origin</c>.</summary>
    public static string? Origin(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed.GetLeftPart(UriPartial.Authority)
            : null;
}
