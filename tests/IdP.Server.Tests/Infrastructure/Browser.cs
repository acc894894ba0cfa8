using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using IdP.Server.SignIn;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping browser over in-process servers. It routes each request by host to the server that owns it (the
/// IdP at <see cref="IdPFactory.Origin"/>, plus any relying parties added with <see cref="AddHost"/>), follows
/// redirects between them, and stops at the first navigation to a host it does not know (the app's redirect URI),
/// which it records instead of fetching. <see cref="OverNetwork"/> makes one that talks to real servers (HTTPS on
/// loopback ports) instead, for clients that only speak to real sockets.
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _client;
    private readonly HostRouter _router = new();
    private readonly bool _ownsNoRouter;
    private readonly HashSet<string> _origins = new(StringComparer.OrdinalIgnoreCase);

    public Browser(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _router.Add(new Uri(IdPFactory.Origin).Host, factory.Server.CreateHandler());
        _client = new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = _router })
        {
            BaseAddress = new Uri(IdPFactory.Origin),
        };
    }

    /// <summary>A browser over a client built elsewhere, e.g. one of several server nodes sharing a cookie jar.</summary>
    public Browser(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsNoRouter = true;
    }

    /// <summary>
    /// A browser on the network: <paramref name="network"/> carries its requests (with this browser's cookie jar), and
    /// it follows redirects only within <paramref name="origins"/> (scheme, host and port), stopping at any other, so
    /// a navigation to an app's redirect URI on another loopback port is recorded, not fetched. The first origin is
    /// where relative URLs resolve.
    /// </summary>
    public static Browser OverNetwork(HttpMessageHandler network, params Uri[] origins)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(origins);
        var jar = new CookieContainer();
        var browser = new Browser(new HttpClient(new CookieContainerHandler(jar) { InnerHandler = network }) { BaseAddress = origins[0] }, jar);
        foreach (var origin in origins)
        {
            browser._origins.Add(origin.GetLeftPart(UriPartial.Authority));
        }

        return browser;
    }

    private Browser(HttpClient client, CookieContainer jar)
    {
        _client = client;
        Cookies = jar;
    }

    /// <summary>The cookie jar, shared by every host the browser visits.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>The IdP's SSO session cookie in the jar, if the browser holds one.</summary>
    public Cookie? SsoCookie => Cookies.GetCookies(new Uri(IdPFactory.Origin))[SsoSession.CookieName];

    /// <summary>The underlying client (same cookie jar), for raw requests.</summary>
    public HttpClient Client => _client;

    /// <summary>Lets the browser reach another in-process server (a relying party) at <paramref name="host"/>.</summary>
    public Browser AddHost(string host, HttpMessageHandler handler)
    {
        _router.Add(host, handler);
        return this;
    }

    public Task<Navigation> NavigateAsync(string url) => SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Submits a form as a browser would: every input it holds (hidden antiforgery token included), the given values, and the clicked button.</summary>
    public Task<Navigation> SubmitAsync(Navigation page, string formSelector, IReadOnlyDictionary<string, string>? values = null, string? buttonId = null) =>
        SendAndFollowAsync(FormSubmission(page, formSelector, values, buttonId));

    /// <summary>Clicks a submit button: submits the form it belongs to (its <c>form</c> attribute, or the form around it).</summary>
    public Task<Navigation> ClickAsync(Navigation page, string buttonId, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var button = Button(page, buttonId);
        var form = FormOwner(button) ?? throw new InvalidOperationException($"The button #{buttonId} on {page.Url} is in no form.");
        return SendAndFollowAsync(Submission(page, form, values, button));
    }

    /// <summary>The request <see cref="SubmitAsync"/> sends, for tests that send it themselves (e.g. without following redirects).</summary>
    public HttpRequestMessage FormSubmission(Navigation page, string formSelector, IReadOnlyDictionary<string, string>? values = null, string? buttonId = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.Document?.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}: {page.Body[..Math.Min(page.Body.Length, 500)]}");
        return Submission(page, form, values, buttonId is null ? null : Button(page, buttonId));
    }

    private static HttpRequestMessage Submission(Navigation page, IHtmlFormElement form, IReadOnlyDictionary<string, string>? values, IHtmlButtonElement? button)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || input.Type is "submit" or "button" || (input.Type is "checkbox" or "radio" && !input.IsChecked))
            {
                continue;
            }

            fields.Add(new(input.Name, values is not null && values.TryGetValue(input.Name, out var v) ? v : input.Value));
        }

        // A select sends its selected option (the first one when none is marked), as a browser does.
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
        {
            if (string.IsNullOrEmpty(select.Name) || fields.Any(f => f.Key == select.Name))
            {
                continue;
            }

            var chosen = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? (select.Options.Length > 0 ? select.Options[0] : null);
            if (values is not null && values.TryGetValue(select.Name, out var v))
            {
                fields.Add(new(select.Name, v));
            }
            else if (chosen is not null)
            {
                fields.Add(new(select.Name, chosen.Value));
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            if (!fields.Any(f => f.Key == name))
            {
                fields.Add(new(name, value));
            }
        }

        if (button is not null && !string.IsNullOrEmpty(button.Name))
        {
            fields.Add(new(button.Name, button.Value));
        }

        // As a browser does: the clicked button's formaction wins over the form's action; neither means the page's URL.
        var target = button?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.GetAttribute("action");
        var action = string.IsNullOrEmpty(target) ? page.Url : new Uri(page.Url, target);
        return new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
    }

    private static IHtmlButtonElement Button(Navigation page, string buttonId) =>
        page.Document?.GetElementById(buttonId) as IHtmlButtonElement
            ?? throw new InvalidOperationException($"No button #{buttonId} on {page.Url}.");

    /// <summary>The form a control submits: the one its <c>form</c> attribute names, or the one around it.</summary>
    public static IHtmlFormElement? FormOwner(IElement control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return control.GetAttribute("form") is { Length: > 0 } id
            ? control.Owner?.GetElementById(id) as IHtmlFormElement
            : control.Closest("form") as IHtmlFormElement;
    }

    public async Task<Navigation> SendAndFollowAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var hop = 0; hop < 20; hop++)
        {
            var url = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(_client.BaseAddress!, request.RequestUri);
            request.RequestUri = url;
            using var response = await _client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.MovedPermanently)
            {
                var location = new Uri(url, response.Headers.Location!);
                if (!IsServer(location))
                {
                    return new Navigation(url, response.StatusCode, body, null) { ExternalRedirect = location };
                }

                request = new HttpRequestMessage(HttpMethod.Get, location);
                continue;
            }

            var document = response.Content.Headers.ContentType?.MediaType == "text/html"
                ? await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(body).Address(url))
                : null;
            return new Navigation(url, response.StatusCode, body, document);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    // A browser over a ready-made client (another node) treats the IdP's host as its own.
    private bool IsServer(Uri uri) =>
        _router.Knows(uri.Host)
        || (_ownsNoRouter && string.Equals(uri.Host, new Uri(IdPFactory.Origin).Host, StringComparison.OrdinalIgnoreCase))
        || _origins.Contains(uri.GetLeftPart(UriPartial.Authority));

    public void Dispose() => _client.Dispose();

    /// <summary>Sends each request to the in-process server of its host.</summary>
    private sealed class HostRouter : HttpMessageHandler
    {
        private readonly Dictionary<string, HttpMessageInvoker> _hosts = new(StringComparer.OrdinalIgnoreCase);

        public void Add(string host, HttpMessageHandler handler) => _hosts[host] = new HttpMessageInvoker(handler);

        public bool Knows(string host) => _hosts.ContainsKey(host);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _hosts.TryGetValue(request.RequestUri!.Host, out var server)
                ? server.SendAsync(request, cancellationToken)
                : throw new InvalidOperationException($"The test browser cannot reach {request.RequestUri}.");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var server in _hosts.Values)
                {
                    server.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Where the browser ended up: a page of the server, or a navigation to the app.</summary>
public sealed record Navigation(Uri Url, HttpStatusCode Status, string Body, IDocument? Document)
{
    /// <summary>Set when the server sent the browser to another host (the app's redirect URI).</summary>
    public Uri? ExternalRedirect { get; init; }

    /// <summary>The element with this id, or null.</summary>
    public IElement? ById(string id) => Document?.GetElementById(id);

    /// <summary>The text of an element by id (trimmed), or null.</summary>
    public string? Text(string id) => ById(id)?.TextContent.Trim();

    /// <summary>
    /// What the app received, from a redirect (query or fragment) or an auto-submitted form_post page.
    /// </summary>
    public AppResponse ToApp()
    {
        if (ExternalRedirect is { } redirect)
        {
            var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(redirect.Query)
                .Concat(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(redirect.Fragment.TrimStart('#')))
                .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            return new AppResponse(new Uri(redirect.GetLeftPart(UriPartial.Path)), parameters, string.IsNullOrEmpty(redirect.Fragment) ? "query" : "fragment");
        }

        if (Document?.QuerySelector("form[method=post]") is IHtmlFormElement form && form.Action is { } action && !action.Contains("idp.test", StringComparison.Ordinal))
        {
            var parameters = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)).ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
            return new AppResponse(new Uri(action), parameters, "form_post");
        }

        throw new InvalidOperationException($"The browser is still on the server at {Url} ({(int)Status}): {Body[..Math.Min(Body.Length, 800)]}");
    }
}

/// <summary>The authorization response an app received at its redirect URI.</summary>
public sealed record AppResponse(Uri RedirectUri, IReadOnlyDictionary<string, string> Parameters, string Mode)
{
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Asserts the app got B2C's refusal of <paramref name="request"/>: <c>access_denied</c>, an error description that
    /// starts with <paramref name="description"/> (the AADB2C code and its text), and the request's state back.
    /// </summary>
    public void AssertAccessDenied(AuthorizeRequest request, string description)
    {
        ArgumentNullException.ThrowIfNull(request);
        Assert.Equal("access_denied", this["error"]);
        Assert.StartsWith(description, this["error_description"], StringComparison.Ordinal);
        Assert.Equal(request.State, this["state"]);
    }
}
