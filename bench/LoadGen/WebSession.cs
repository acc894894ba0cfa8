using System.Net;
using System.Text.RegularExpressions;

namespace IdP.LoadGen;

/// <summary>
/// One browser's cookies over a shared connection pool. Redirects are followed by hand (only on the IdP's own origin)
/// so the load generator sees each hop and stops at the app's redirect URI. Cheap on purpose: a regex reads the
/// antiforgery token instead of an HTML parser, so the generator does not become the bottleneck.
/// </summary>
internal sealed partial class WebSession(HttpClient http, Uri origin)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public Uri Origin { get; } = origin;

    /// <summary>Path and query of the last request: where a page's forms post when they name no action.</summary>
    public string LastUrl { get; private set; } = "/";

    public void ClearCookies() => _cookies.Clear();

    /// <summary>Sends one request with this browser's cookies; returns status, Location and body.</summary>
    public async Task<Page> SendAsync(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Origin, url));
        LastUrl = request.RequestUri!.PathAndQuery;
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    var value = pair[(equals + 1)..];
                    if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(pair[..equals]);
                    }
                    else
                    {
                        _cookies[pair[..equals]] = value;
                    }
                }
            }
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Page(response.StatusCode, response.Headers.Location, body);
    }

    public Task<Page> GetAsync(string url, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, url, null, cancellationToken);

    public Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, url, form, cancellationToken);

    /// <summary>Follows redirects on the IdP's origin; returns the first page that is not one, or the redirect that leaves.</summary>
    public async Task<Page> FollowAsync(Page page, CancellationToken cancellationToken)
    {
        for (var hops = 0; page.IsRedirect && hops < 10; hops++)
        {
            var target = new Uri(Origin, page.Location!);
            if (!string.Equals(target.GetLeftPart(UriPartial.Authority), Origin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                return page;
            }

            page = await GetAsync(target.PathAndQuery, cancellationToken);
        }

        return page;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();
}

/// <summary>A response as the flows need it.</summary>
internal sealed record Page(HttpStatusCode Status, Uri? Location, string Body)
{
    public bool IsRedirect => (int)Status is >= 300 and < 400 && Location is not null;

    /// <summary>The page's antiforgery token; throws when the page has no form.</summary>
    public string Antiforgery => WebSession.AntiforgeryToken().Match(Body) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new FlowException($"No antiforgery token on a {(int)Status} page: {Body[..Math.Min(300, Body.Length)]}");

    /// <summary>A query parameter of the redirect target.</summary>
    public string? RedirectParameter(string name)
    {
        if (Location is null)
        {
            return null;
        }

        var query = Location.IsAbsoluteUri ? Location.Query : Location.OriginalString[Math.Max(0, Location.OriginalString.IndexOf('?', StringComparison.Ordinal))..];
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals] == name)
            {
                return Uri.UnescapeDataString(part[(equals + 1)..]);
            }
        }

        return null;
    }

    public Page Expect(HttpStatusCode status, string step) =>
        Status == status ? this : throw new FlowException($"{step}: expected {(int)status}, got {(int)Status} {Location} {Body[..Math.Min(300, Body.Length)]}");
}

/// <summary>A flow did not go as a browser's would: counted as an error.</summary>
internal sealed class FlowException(string message) : Exception(message);
