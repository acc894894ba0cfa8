using IdP.Core.RunNow;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.RunNow;

/// <summary>
/// Checks a run before it starts, so the run-now URL never produces an authorize request that would be refused
/// without the developer seeing why: an unknown client or unregistered reply URL, the implicit grant not allowed, or
/// a scope the app may not use. OpenIddict still validates the request itself; these checks only explain up front.
/// </summary>
public sealed class RunNowPreflight(IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, IOptionsMonitor<OpenIddictServerOptions> server)
{
    public async Task<RunNowPlan> PlanAsync(RunNowParameters parameters, string viewerUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var clientId = parameters.ClientId ?? RunNowApplication.ClientId;
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return new RunNowPlan.RedirectUriNotRegistered(parameters.RedirectUri ?? (clientId == RunNowApplication.ClientId ? viewerUri : null), clientId);
        }

        string redirectUri;
        if (clientId == RunNowApplication.ClientId)
        {
            // The built-in app replies only to the viewer on this origin (ValidateRunNowRedirectUri).
            redirectUri = parameters.RedirectUri ?? viewerUri;
            if (!string.Equals(redirectUri, viewerUri, StringComparison.Ordinal))
            {
                return new RunNowPlan.RedirectUriNotRegistered(redirectUri, clientId);
            }
        }
        else if (parameters.RedirectUri is { } requested)
        {
            if (!await applications.ValidateRedirectUriAsync(application, requested, cancellationToken))
            {
                return new RunNowPlan.RedirectUriNotRegistered(requested, clientId);
            }

            redirectUri = requested;
        }
        else
        {
            var registered = await applications.GetRedirectUrisAsync(application, cancellationToken);
            if (registered.Contains(viewerUri, StringComparer.Ordinal))
            {
                redirectUri = viewerUri;
            }
            else if (registered.Length == 1)
            {
                redirectUri = registered[0];
            }
            else
            {
                return registered.Length == 0 ? new RunNowPlan.RedirectUriNotRegistered(null, clientId) : new RunNowPlan.ChooseRedirectUri(clientId);
            }
        }

        // The same permission RequireImplicitPermission checks at the authorize endpoint.
        if (parameters.ResponseType == RunNowResponseType.IdToken && !await applications.HasPermissionAsync(application, Permissions.GrantTypes.Implicit, cancellationToken))
        {
            return new RunNowPlan.ImplicitNotAllowed(clientId);
        }

        var toViewer = string.Equals(redirectUri, viewerUri, StringComparison.Ordinal);
        var publicClient = await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken);
        if (toViewer && parameters.ResponseType == RunNowResponseType.Code && !publicClient)
        {
            return new RunNowPlan.ViewerCannotRedeem(clientId);
        }

        foreach (var scope in parameters.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!server.CurrentValue.Scopes.Contains(scope) && await scopes.FindByNameAsync(scope, cancellationToken) is null)
            {
                return new RunNowPlan.UnknownScope(scope);
            }

            // OpenIddict's scope permission rule: openid and offline_access need none.
            if (scope is not (Scopes.OpenId or Scopes.OfflineAccess) && !await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellationToken))
            {
                return new RunNowPlan.ScopeNotAllowed(scope, clientId);
            }
        }

        return new RunNowPlan.Ready(clientId, redirectUri, toViewer, publicClient);
    }
}
