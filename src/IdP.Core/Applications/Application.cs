namespace IdP.Core.Applications;

/// <summary>
/// An application as an operator registers it (B2C's "App registration"): where tokens may be sent, per platform; its
/// client secrets; the API it exposes; and the API scopes it may request. OpenIddict keeps a protocol view of it
/// (see <see cref="IApplicationProtocolStore"/>); this record is what operators edit.
/// </summary>
public sealed class Application
{
    /// <summary>Primary key; apps know the application by <see cref="ClientId"/>.</summary>
    public Guid Id { get; set; }

    /// <summary>The application (client) id apps send as <c>client_id</c>; the <c>aud</c> of its ID tokens.</summary>
    public required string ClientId { get; set; }

    /// <summary>The name operators see in lists.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Reply URLs, each on its platform, matched exactly (loopback ports excepted on the public client platform).</summary>
    public List<PlatformRedirectUri> RedirectUris { get; set; } = [];

    /// <summary>Where apps may send users after sign-out.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>B2C's "ID tokens (used for implicit and hybrid flows)" checkbox.</summary>
    public bool AllowImplicitIdToken { get; set; }

    /// <summary>B2C's "Access tokens (used for implicit flows)" checkbox: <c>id_token token</c>.</summary>
    public bool AllowImplicitAccessToken { get; set; }

    /// <summary>May get app-only tokens with the client credentials grant (needs a client secret).</summary>
    public bool AllowClientCredentials { get; set; }

    /// <summary>May get tokens for the server's admin API (<see cref="ServerApi.AdminScope"/>) with client credentials.</summary>
    public bool AdminApiAccess { get; set; }

    /// <summary>The exposed API's App ID URI (<c>https://contoso.onmicrosoft.com/tasks-api</c>), or null.</summary>
    public string? AppIdUri { get; set; }

    /// <summary>Scopes the exposed API defines (<c>tasks.read</c>); requested as <c>{AppIdUri}/{name}</c>.</summary>
    public List<ApiScope> ApiScopes { get; set; } = [];

    /// <summary>API scopes of other (or this) registrations this application may request.</summary>
    public List<GrantedApiScope> ApiPermissions { get; set; } = [];

    /// <summary>Client secrets; an application with at least one is a confidential client.</summary>
    public List<ClientSecret> Secrets { get; set; } = [];

    /// <summary>When the application was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the registration last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True when the application authenticates at the token endpoint with a secret.</summary>
    public bool IsConfidential => Secrets.Count > 0;

    /// <summary>The full value clients request for one of this application's API scopes.</summary>
    public string? ScopeValue(string scopeName) => AppIdUri is null ? null : ApiScopeValue.Format(AppIdUri, scopeName);

    /// <summary>Reply URLs registered on <paramref name="platform"/>.</summary>
    public IEnumerable<string> RedirectUrisOn(AppPlatform platform) =>
        RedirectUris.Where(r => r.Platform == platform).Select(r => r.Uri);
}

/// <summary>B2C's platforms for redirect URIs; each has its own rules (what URIs, CORS, refresh token lifetime).</summary>
public enum AppPlatform
{
    /// <summary>Server-side web apps: https (or http on localhost) reply URLs.</summary>
    Web = 0,

    /// <summary>Single-page apps: code + PKCE from the browser, CORS from these origins, 24-hour refresh tokens.</summary>
    Spa = 1,

    /// <summary>Mobile and desktop apps: custom schemes, and loopback addresses on any port.</summary>
    PublicClient = 2,
}

/// <summary>A reply URL on a platform.</summary>
/// <param name="Platform">The platform whose rules the URL follows.</param>
/// <param name="Uri">The reply URL as registered.</param>
public sealed record PlatformRedirectUri(AppPlatform Platform, string Uri);

/// <summary>A scope an exposed API defines, such as <c>tasks.read</c>.</summary>
/// <param name="Name">The scope's name, requested as <c>{AppIdUri}/{Name}</c>.</param>
/// <param name="Description">What the scope allows, for operators.</param>
public sealed record ApiScope(string Name, string? Description = null);

/// <summary>Permission to request <see cref="Scope"/> of the API registered as <see cref="ResourceClientId"/>.</summary>
public sealed record GrantedApiScope(string ResourceClientId, string Scope);
