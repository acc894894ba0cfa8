using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Applications;

/// <summary>
/// Registers applications in OpenIddict with exactly the permissions B2C's app settings imply: code flow with
/// refresh tokens always, PKCE required for public clients, implicit id_token (and hybrid code id_token) only when
/// allowed, and the app's own
/// client id usable as a scope (B2C apps ask for it to get an access token for themselves).
/// </summary>
public sealed class ApplicationService(IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes)
{
    /// <summary>Creates the application, or brings an existing one in line with <paramref name="registration"/>.</summary>
    public async Task EnsureAsync(AppRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var descriptor = Describe(registration);
        var existing = await applications.FindByClientIdAsync(registration.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }

        if (await scopes.FindByNameAsync(registration.ClientId, cancellationToken) is null)
        {
            var scope = new OpenIddictScopeDescriptor { Name = registration.ClientId, DisplayName = registration.DisplayName };
            scope.Resources.Add(registration.ClientId);
            await scopes.CreateAsync(scope, cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(AppRegistration registration)
    {
        var confidential = registration.ClientSecret is not null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = registration.ClientId,
            DisplayName = registration.DisplayName,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ClientSecret = registration.ClientSecret,
            ConsentType = ConsentTypes.Implicit,
        };

        foreach (var uri in registration.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in registration.PostLogoutRedirectUris ?? registration.RedirectUris)
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
            Permissions.Prefixes.Scope + registration.ClientId,
        ]);

        if (registration.AllowImplicitIdToken)
        {
            // B2C's checkbox also allows the hybrid "code id_token" that older web apps (OWIN, MSAL web) send.
            descriptor.Permissions.UnionWith([Permissions.GrantTypes.Implicit, Permissions.ResponseTypes.IdToken, Permissions.ResponseTypes.CodeIdToken]);
        }

        if (confidential && registration.AllowClientCredentials)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        if (!confidential)
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        return descriptor;
    }
}
