namespace IdP.Server.Protocol;

/// <summary>
/// This node's snapshots of OpenIddict's applications and scopes, filed under the <see cref="ConfigurationStamp"/>
/// read before they were loaded (a singleton). The snapshots are never handed out: the stores give each request its own
/// copy, attached to that request's context (<see cref="StampedApplicationStore"/>, <see cref="StampedScopeStore"/>).
/// </summary>
public sealed class ProtocolEntityCache
{
    private const int Capacity = 4096;

    /// <summary>Applications by client id (null for an unknown one).</summary>
    internal StampedCache<string, OpenIddictEntityFrameworkCoreApplication> ApplicationsByClientId { get; } = new(Capacity, StringComparer.Ordinal);

    /// <summary>Applications by their OpenIddict id.</summary>
    internal StampedCache<string, OpenIddictEntityFrameworkCoreApplication> ApplicationsById { get; } = new(Capacity, StringComparer.Ordinal);

    /// <summary>The scopes found for a set of names (the names joined by spaces, as asked).</summary>
    internal StampedCache<string, IReadOnlyList<OpenIddictEntityFrameworkCoreScope>> ScopesByNames { get; } = new(Capacity, StringComparer.Ordinal);

    /// <summary>A copy of an application's columns, without navigations.</summary>
    internal static OpenIddictEntityFrameworkCoreApplication Copy(OpenIddictEntityFrameworkCoreApplication application) => new()
    {
        Id = application.Id,
        ApplicationType = application.ApplicationType,
        ClientId = application.ClientId,
        ClientSecret = application.ClientSecret,
        ClientType = application.ClientType,
        ConcurrencyToken = application.ConcurrencyToken,
        ConsentType = application.ConsentType,
        DisplayName = application.DisplayName,
        DisplayNames = application.DisplayNames,
        JsonWebKeySet = application.JsonWebKeySet,
        Permissions = application.Permissions,
        PostLogoutRedirectUris = application.PostLogoutRedirectUris,
        Properties = application.Properties,
        RedirectUris = application.RedirectUris,
        Requirements = application.Requirements,
        Settings = application.Settings,
    };

    /// <summary>A copy of a scope's columns.</summary>
    internal static OpenIddictEntityFrameworkCoreScope Copy(OpenIddictEntityFrameworkCoreScope scope) => new()
    {
        Id = scope.Id,
        ConcurrencyToken = scope.ConcurrencyToken,
        Description = scope.Description,
        Descriptions = scope.Descriptions,
        DisplayName = scope.DisplayName,
        DisplayNames = scope.DisplayNames,
        Name = scope.Name,
        Properties = scope.Properties,
        Resources = scope.Resources,
    };
}
