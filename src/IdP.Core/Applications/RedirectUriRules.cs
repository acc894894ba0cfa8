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
    public static string? Problem(AppPlatform platform, string? uri, bool allowPlainHttp)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return "A reply URL cannot be empty.";
        }

        if (uri.Length > MaxLength)
        {
            return $"A reply URL is at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || uri.Any(char.IsWhiteSpace))
        {
            return $"'{uri}' is not an absolute URL.";
        }

        if (parsed.Fragment.Length > 0 || uri.Contains('#', StringComparison.Ordinal))
        {
            return $"'{uri}' has a fragment (#…): reply URLs cannot have one.";
        }

        if (uri.Contains('*', StringComparison.Ordinal))
        {
            return $"'{uri}' has a wildcard: reply URLs match exactly.";
        }

        var web = parsed.Scheme is "https" || (parsed.Scheme == "http" && (parsed.IsLoopback || allowPlainHttp));
        return platform switch
        {
            AppPlatform.Web or AppPlatform.Spa when !web =>
                $"'{uri}' must use https (http is allowed only for localhost).",
            AppPlatform.PublicClient when ForbiddenSchemes.Contains(parsed.Scheme) =>
                $"'{uri}' uses the scheme '{parsed.Scheme}', which cannot receive tokens.",
            AppPlatform.PublicClient when parsed.Scheme == "http" && !web =>
                $"'{uri}' must use https, a loopback address or a custom scheme.",
            _ => null,
        };
    }

    /// <summary>Why <paramref name="uri"/> cannot be a post-logout URL, or null when it can.</summary>
    public static string? PostLogoutProblem(string? uri, bool allowPlainHttp)
    {
        var problem = Problem(AppPlatform.PublicClient, uri, allowPlainHttp);
        if (problem is not null)
        {
            return problem.Replace("A reply URL", "A post-logout URL", StringComparison.Ordinal).Replace("reply URLs", "post-logout URLs", StringComparison.Ordinal);
        }

        return null;
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
