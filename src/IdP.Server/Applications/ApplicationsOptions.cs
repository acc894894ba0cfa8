namespace IdP.Server.Applications;

/// <summary>
/// Bound from <c>IdP:Applications</c>: registrations created or brought up to date at every start, so an operator can
/// keep apps in configuration (or environment variables) before using the admin API. Each entry is one application.
/// </summary>
public sealed class ApplicationsOptions
{
    public const string Section = "IdP:Applications";

    public List<ConfiguredApplication> Items { get; } = [];
}

/// <summary>One application in <c>IdP:Applications:{n}</c>.</summary>
public sealed class ConfiguredApplication
{
    public string ClientId { get; set; } = "";
    public string? DisplayName { get; set; }

    /// <summary>Web platform reply URLs.</summary>
    public List<string> RedirectUris { get; set; } = [];

    public List<string> SpaRedirectUris { get; set; } = [];
    public List<string> PublicClientRedirectUris { get; set; } = [];

    /// <summary>Post-logout URLs; when absent, every reply URL.</summary>
    public List<string>? PostLogoutRedirectUris { get; set; }

    public List<ConfiguredSecret> ClientSecrets { get; set; } = [];
    public bool AllowImplicitIdToken { get; set; }
    public bool AllowImplicitAccessToken { get; set; }
    public bool AllowClientCredentials { get; set; }

    /// <summary>May call the admin API (scope <c>idp.admin</c>, client credentials; needs a secret).</summary>
    public bool AdminApiAccess { get; set; }

    /// <summary>The exposed API's App ID URI (<c>https://contoso.onmicrosoft.com/tasks-api</c>).</summary>
    public string? AppIdUri { get; set; }

    /// <summary>The exposed API's scope names (<c>tasks.read</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>API scopes this app may request, in full (<c>https://contoso.onmicrosoft.com/tasks-api/tasks.read</c>).</summary>
    public List<string> ApiPermissions { get; set; } = [];

    public AppRegistration ToRegistration() => new(ClientId, string.IsNullOrWhiteSpace(DisplayName) ? ClientId : DisplayName)
    {
        RedirectUris = RedirectUris,
        SpaRedirectUris = SpaRedirectUris,
        PublicClientRedirectUris = PublicClientRedirectUris,
        PostLogoutRedirectUris = PostLogoutRedirectUris,
        ClientSecrets = [.. ClientSecrets.Select(s => new ConfiguredClientSecret(s.Value, s.ExpiresAt, s.Description))],
        AllowImplicitIdToken = AllowImplicitIdToken,
        AllowImplicitAccessToken = AllowImplicitAccessToken,
        AllowClientCredentials = AllowClientCredentials,
        AdminApiAccess = AdminApiAccess,
        AppIdUri = string.IsNullOrWhiteSpace(AppIdUri) ? null : AppIdUri,
        ApiScopes = [.. Scopes.Select(s => new ApiScope(s))],
        ApiPermissions = ApiPermissions,
    };
}

/// <summary>A client secret in configuration: its value (keep it in a secret store or environment variable), optional expiry.</summary>
public sealed class ConfiguredSecret
{
    public string Value { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? Description { get; set; }
}
