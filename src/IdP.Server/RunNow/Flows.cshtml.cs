using IdP.Core.RunNow;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.Admin;
using IdP.Server.ErrorPages;
using IdP.Server.Protocol;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.RunNow;

/// <summary>
/// <c>/{tenant}/run-now/flows</c>: every user flow with, per application and reply URL, its "Run user flow endpoint"
/// (B2C's Run now blade). For operators: the admin policy asks for the admin credentials, or lets anyone in on a
/// developer's machine when none are configured.
/// </summary>
[Authorize(Policy = AdminAccess.Policy)]
public sealed class FlowsModel(
    TenantService tenants,
    UserFlowService flows,
    IOpenIddictApplicationManager applications,
    IStringLocalizer<RunNowText> text,
    IStringLocalizer<ErrorText> errors) : RunNowPageModel(errors)
{
    public IReadOnlyList<FlowRuns> Flows { get; private set; } = [];

    /// <summary>The built-in viewer's URL on this host, which apps can register to show their own tokens.</summary>
    public string ViewerUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string tenant)
    {
        var ct = HttpContext.RequestAborted;
        var resolved = await tenants.ResolveAsync(tenant, ct);
        if (resolved is null)
        {
            return NotFoundPage(Errors["UnknownTenant", tenant]);
        }

        ViewData["TenantDisplayName"] = resolved.DisplayName;
        var apps = await ApplicationsAsync(ct);

        // URLs on the host this page was opened on: the same one a developer would share (a custom domain included).
        var origin = Request.Origin();
        ViewerUrl = RunNowApplication.ViewerUri(origin, tenant);
        Flows = [.. (await flows.ListAsync(ct)).Select(flow => new FlowRuns(flow.Name, flow.Type, Links(origin, tenant, flow.Name, apps)))];
        return Page();
    }

    private List<RunLink> Links(string origin, string tenant, string policy, IReadOnlyList<App> apps)
    {
        var start = RunNowApplication.StartUri(origin, tenant, policy);
        var viewer = RunNowApplication.ViewerUri(origin, tenant);
        var links = new List<RunLink>
        {
            new(text["BuiltInApplication"], RunNowApplication.ClientId, viewer, RunNowResponseTypes.IdToken, start),
            new(text["BuiltInApplication"], RunNowApplication.ClientId, viewer, RunNowResponseTypes.Code, QueryHelpers.AddQueryString(start, RunNowParameters.ResponseTypeName, RunNowResponseTypes.Code)),
        };

        foreach (var app in apps)
        {
            foreach (var replyUrl in app.RedirectUris)
            {
                // The response type that works for the app: B2C's jwt.ms default when implicit ID tokens are allowed.
                var responseType = app.AllowsImplicit ? RunNowResponseTypes.IdToken : RunNowResponseTypes.Code;
                var query = new Dictionary<string, string?>
                {
                    [RunNowParameters.ClientIdName] = app.ClientId,
                    [RunNowParameters.RedirectUriName] = replyUrl,
                };
                if (!app.AllowsImplicit)
                {
                    query[RunNowParameters.ResponseTypeName] = responseType;
                }

                links.Add(new RunLink(app.DisplayName ?? app.ClientId, app.ClientId, replyUrl, responseType, QueryHelpers.AddQueryString(start, query)));
            }
        }

        return links;
    }

    private async Task<List<App>> ApplicationsAsync(CancellationToken ct)
    {
        var apps = new List<App>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var clientId = await applications.GetClientIdAsync(application, ct);
            if (clientId is null || clientId == RunNowApplication.ClientId)
            {
                continue;
            }

            apps.Add(new App(
                clientId,
                await applications.GetDisplayNameAsync(application, ct),
                await applications.GetRedirectUrisAsync(application, ct),
                await applications.HasPermissionAsync(application, Permissions.GrantTypes.Implicit, ct)));
        }

        return [.. apps.OrderBy(a => a.DisplayName ?? a.ClientId, StringComparer.OrdinalIgnoreCase)];
    }

    private sealed record App(string ClientId, string? DisplayName, IReadOnlyList<string> RedirectUris, bool AllowsImplicit);
}

/// <summary>A user flow and its run URLs.</summary>
public sealed record FlowRuns(string Policy, UserFlowType Type, IReadOnlyList<RunLink> Links);

/// <summary>One "Run user flow endpoint": the application, reply URL and response type it runs with.</summary>
public sealed record RunLink(string ApplicationName, string ClientId, string ReplyUrl, string ResponseType, string Url);
