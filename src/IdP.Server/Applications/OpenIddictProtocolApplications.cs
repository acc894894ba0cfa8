namespace IdP.Server.Applications;

/// <summary>
/// Writes each registration into OpenIddict with exactly the permissions B2C's app settings imply: code flow with
/// refresh tokens always; PKCE for public clients and SPAs; implicit <c>id_token</c> (and hybrid <c>code id_token</c>)
/// or <c>id_token token</c> only when the checkboxes allow it; client credentials only for confidential apps that
/// may use it; the app's own client id as a scope (B2C apps ask for it to get an access token for themselves); and
/// each API scope it has a permission on. Every API scope is an OpenIddict scope whose resource is the API's client
/// id, which becomes the access token's <c>aud</c>.
/// </summary>
internal sealed class OpenIddictProtocolApplications(IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes) : IApplicationProtocolStore
{
    public async Task SaveAsync(ProtocolApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var descriptor = Describe(application);
        var existing = await applications.FindByClientIdAsync(application.Application.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }

        await SaveScopesAsync(application, cancellationToken);
    }

    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
        {
            await applications.DeleteAsync(existing, cancellationToken);
        }

        await foreach (var scope in OwnedScopesAsync(clientId, cancellationToken))
        {
            await scopes.DeleteAsync(scope, cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(ProtocolApplication protocol)
    {
        var application = protocol.Application;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = application.ClientId,
            DisplayName = application.DisplayName,
            // Secrets live (hashed) in our ClientSecrets table; IdPApplicationManager checks them there.
            ClientType = application.IsConfidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
        };

        foreach (var uri in application.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri.Uri, UriKind.Absolute));
        }

        foreach (var uri in application.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Email,
            Permissions.Prefixes.Scope + application.ClientId,
        ]);
        descriptor.Permissions.UnionWith(protocol.PermittedScopes.Select(scope => Permissions.Prefixes.Scope + scope));

        if (application.AllowImplicitIdToken)
        {
            // B2C's checkbox also allows the hybrid "code id_token" that older web apps (OWIN, MSAL web) send.
            descriptor.Permissions.UnionWith([Permissions.GrantTypes.Implicit, Permissions.ResponseTypes.IdToken, Permissions.ResponseTypes.CodeIdToken]);
        }

        if (application.AllowImplicitAccessToken)
        {
            descriptor.Permissions.UnionWith([Permissions.GrantTypes.Implicit, Permissions.ResponseTypes.IdTokenToken]);
        }

        if (application.IsConfidential && application.AllowClientCredentials)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        if (application.IsConfidential && application.AdminApiAccess)
        {
            descriptor.Permissions.UnionWith([Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ServerApi.AdminScope]);
        }

        // A public client has nothing but PKCE to bind a code to itself; a SPA is public even when its app has secrets.
        if (!application.IsConfidential || application.RedirectUris.Any(r => r.Platform == AppPlatform.Spa))
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        return descriptor;
    }

    private async Task SaveScopesAsync(ProtocolApplication protocol, CancellationToken cancellationToken)
    {
        var clientId = protocol.Application.ClientId;
        var wanted = protocol.ExposedScopes.Append(clientId).ToHashSet(StringComparer.Ordinal);
        await foreach (var scope in OwnedScopesAsync(clientId, cancellationToken))
        {
            if (!wanted.Remove(await scopes.GetNameAsync(scope, cancellationToken) ?? ""))
            {
                await scopes.DeleteAsync(scope, cancellationToken);
            }
        }

        foreach (var name in wanted)
        {
            var descriptor = new OpenIddictScopeDescriptor { Name = name, DisplayName = protocol.Application.DisplayName };
            descriptor.Resources.Add(clientId);
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
    }

    /// <summary>
    /// The scopes whose resource is <paramref name="clientId"/>: its own client-id scope and its API's scopes. Never the
    /// admin API's scope, whose resource an application with the client id idp-admin would otherwise own (and delete).
    /// </summary>
    private async IAsyncEnumerable<object> OwnedScopesAsync(string clientId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var owned = new List<object>();
        await foreach (var scope in scopes.ListAsync(count: null, offset: null, cancellationToken))
        {
            if ((await scopes.GetResourcesAsync(scope, cancellationToken)).Contains(clientId, StringComparer.Ordinal)
                && await scopes.GetNameAsync(scope, cancellationToken) != ServerApi.AdminScope)
            {
                owned.Add(scope);
            }
        }

        // Collected first: deleting while the store enumerates would change what it enumerates.
        foreach (var scope in owned)
        {
            yield return scope;
        }
    }
}
