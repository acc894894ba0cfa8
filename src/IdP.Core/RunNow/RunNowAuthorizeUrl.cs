namespace IdP.Core.RunNow;

/// <summary>
/// The authorize request of a run, with fresh values and what the server adds for its own viewer. <c>RedirectUri</c> is
/// null when Run now has none to offer (an unknown application): OpenIddict then refuses the request, as it would.
/// </summary>
/// <param name="ClientId">The application the run is for.</param>
/// <param name="Nonce">A fresh <c>nonce</c> the ID token must echo.</param>
/// <param name="RedirectUri">The reply URL, or null.</param>
/// <param name="Scope">The scopes to ask for.</param>
/// <param name="ResponseType">What to ask the flow for.</param>
/// <param name="State">A fresh <c>state</c> that finds the run again.</param>
public sealed record RunNowAuthorizeRequest(string ClientId, string Nonce, string? RedirectUri, string Scope, RunNowResponseType ResponseType, string State)
{
    /// <summary><c>form_post</c> when the response goes to our viewer (tokens stay out of URLs and logs); otherwise B2C's default.</summary>
    public string? ResponseMode { get; init; }

    /// <summary>The PKCE S256 challenge of a code run to the viewer or to a public client.</summary>
    public string? CodeChallenge { get; init; }

    /// <summary>The developer's <c>ui_locales</c>, passed on.</summary>
    public string? UiLocales { get; init; }

    /// <summary>The developer's <c>login_hint</c>, passed on.</summary>
    public string? LoginHint { get; init; }
}

/// <summary>
/// Writes a run's authorize URL in the shape B2C's portal shows as "Run user flow endpoint":
/// <c>…/oauth2/v2.0/authorize?p=B2C_1_signin&amp;client_id=…&amp;nonce=…&amp;redirect_uri=…&amp;scope=openid&amp;response_type=id_token&amp;prompt=login</c>,
/// then <c>state</c> and what only our runs add.
/// </summary>
public static class RunNowAuthorizeUrl
{
    /// <summary>The URL; <paramref name="authorizeEndpoint"/> is the flow's endpoint in path or query (<c>?p=</c>) form.</summary>
    public static string Build(Uri authorizeEndpoint, RunNowAuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(authorizeEndpoint);
        var url = new StringBuilder(authorizeEndpoint.AbsoluteUri);
        var separator = authorizeEndpoint.Query.Length > 0 ? '&' : '?';
        foreach (var (name, value) in Parameters(request))
        {
            url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return url.ToString();
    }

    /// <summary>The request's parameters in the URL's order, without those it leaves out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(RunNowAuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new List<KeyValuePair<string, string>>();

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parameters.Add(new(name, value));
            }
        }

        Add("client_id", request.ClientId);
        Add("nonce", request.Nonce);
        Add("redirect_uri", request.RedirectUri);
        Add("scope", request.Scope);
        Add("response_type", request.ResponseType.ToWireValue());
        Add("prompt", "login");
        Add("state", request.State);
        Add("response_mode", request.ResponseMode);
        if (request.CodeChallenge is not null)
        {
            Add("code_challenge", request.CodeChallenge);
            Add("code_challenge_method", "S256");
        }

        Add("ui_locales", request.UiLocales);
        Add("login_hint", request.LoginHint);
        return parameters;
    }
}
