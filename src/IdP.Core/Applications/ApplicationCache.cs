namespace IdP.Core.Applications;

/// <summary>
/// This node's copies of application registrations with their secrets, each filed under the
/// <see cref="ConfigurationStamp"/> read before it was loaded (a singleton; see <see cref="StampedCache{TKey, TValue}"/>):
/// a secret revoked or an application changed on any node is seen by the next request everywhere. What is kept is
/// never handed out: <see cref="ApplicationDirectory"/> gives each request its own copy.
/// </summary>
public sealed class ApplicationCache
{
    /// <summary>Applications a node keeps at most (a deployment has a handful to a few hundred).</summary>
    public const int Capacity = 4096;

    /// <summary>The kept copies by client id (null for an unknown client id).</summary>
    public StampedCache<string, Application> ByClientId { get; } = new(Capacity, StringComparer.Ordinal);

    /// <summary>A copy of <paramref name="application"/> sharing nothing mutable with it.</summary>
    public static Application Copy(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new Application
        {
            Id = application.Id,
            ClientId = application.ClientId,
            DisplayName = application.DisplayName,
            RedirectUris = [.. application.RedirectUris],
            PostLogoutRedirectUris = [.. application.PostLogoutRedirectUris],
            AllowImplicitIdToken = application.AllowImplicitIdToken,
            AllowImplicitAccessToken = application.AllowImplicitAccessToken,
            AllowClientCredentials = application.AllowClientCredentials,
            AdminApiAccess = application.AdminApiAccess,
            AppIdUri = application.AppIdUri,
            ApiScopes = [.. application.ApiScopes],
            ApiPermissions = [.. application.ApiPermissions],
            Secrets = [.. application.Secrets.Select(s => new ClientSecret
            {
                Id = s.Id,
                ApplicationId = s.ApplicationId,
                Hash = s.Hash,
                Hint = s.Hint,
                Description = s.Description,
                Source = s.Source,
                CreatedAt = s.CreatedAt,
                ExpiresAt = s.ExpiresAt,
            })],
            CreatedAt = application.CreatedAt,
            UpdatedAt = application.UpdatedAt,
        };
    }
}
