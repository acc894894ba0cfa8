namespace IdP.Server.Admin.Portal.UserFlows;

/// <summary>
/// B2C's "Run user flow" panel: the application, its reply URL, the response type and (for the code flow) access-token
/// scopes chosen, the "Run user flow endpoint" is the flow's run-now URL with those parameters. Run now's start page
/// then checks the request with OpenIddict's own validation before anything is sent, so this only assembles it.
/// </summary>
public sealed record RunNowPanel(
    IReadOnlyList<RunNowPanel.App> Applications,
    RunNowPanel.App Selected,
    string ReplyUrl,
    string ResponseType,
    IReadOnlyList<string> Scopes,
    string Endpoint)
{
    /// <summary>An application that can run the flow, with its reply URLs and the API scopes it may request.</summary>
    public sealed record App(string ClientId, string DisplayName, IReadOnlyList<string> ReplyUrls, bool AllowsImplicit, IReadOnlyList<string> ApiScopes, bool BuiltIn);

    /// <summary>The panel for a flow on <paramref name="origin"/>, with what the administrator picked (or the defaults).</summary>
    public static RunNowPanel Build(string origin, string tenantSegment, string policy, IEnumerable<ApplicationDetails> registered, string builtInName,
        string? clientId, string? replyUrl, string? responseType, IReadOnlyList<string>? scopes)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var viewer = RunNowApplication.ViewerUri(origin, tenantSegment);
        var apps = new List<App> { new(RunNowApplication.ClientId, builtInName, [viewer], true, [], true) };
        apps.AddRange(registered
            .Where(a => !BuiltInApplications.Contains(a.ClientId))
            .Select(a => new App(a.ClientId, a.DisplayName, [.. a.RedirectUris, .. a.SpaRedirectUris, .. a.PublicClientRedirectUris], a.AllowImplicitIdToken, a.ApiPermissions, false))
            .Where(a => a.ReplyUrls.Count > 0));

        var app = apps.FirstOrDefault(a => a.ClientId == clientId) ?? apps[0];
        var reply = app.ReplyUrls.FirstOrDefault(u => u == replyUrl) ?? app.ReplyUrls[0];
        // B2C's jwt.ms default is an ID token, which needs the implicit checkbox; without it the code flow works.
        var type = responseType is RunNowResponseTypes.Code or RunNowResponseTypes.IdToken ? responseType
            : app.AllowsImplicit ? RunNowResponseTypes.IdToken : RunNowResponseTypes.Code;
        var chosen = type == RunNowResponseTypes.Code ? (scopes ?? []).Where(app.ApiScopes.Contains).ToList() : [];

        var query = new Dictionary<string, string?>();
        if (!app.BuiltIn)
        {
            query[RunNowParameters.ClientIdName] = app.ClientId;
            query[RunNowParameters.RedirectUriName] = reply;
        }

        if (type == RunNowResponseTypes.Code)
        {
            query[RunNowParameters.ResponseTypeName] = type;
        }

        if (chosen.Count > 0)
        {
            query[RunNowParameters.ScopeName] = string.Join(' ', chosen);
        }

        var endpoint = QueryHelpers.AddQueryString(RunNowApplication.StartUri(origin, tenantSegment, policy), query);
        return new RunNowPanel(apps, app, reply, type, chosen, endpoint);
    }
}
