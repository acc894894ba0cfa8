namespace IdP.Core.Applications;

/// <summary>
/// What an operator asks for when registering or changing an application (configuration, the admin API, tests): the
/// desired state. Client secrets given here are the operator's own choice (<see cref="ClientSecretSource.Configuration"/>);
/// generated ones come from <see cref="AppRegistrationService.AddSecretAsync"/> and survive a change.
/// </summary>
/// <param name="ClientId">The application (client) id; a registration with an existing id changes that application.</param>
/// <param name="DisplayName">The name operators see.</param>
public sealed record AppRegistration(string ClientId, string DisplayName)
{
    /// <summary>Reply URLs on the Web platform.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Reply URLs on the single-page application platform.</summary>
    public IReadOnlyList<string> SpaRedirectUris { get; init; } = [];

    /// <summary>Reply URLs on the mobile and desktop (public client) platform.</summary>
    public IReadOnlyList<string> PublicClientRedirectUris { get; init; } = [];

    /// <summary>Where apps may send users after sign-out; null means every reply URL.</summary>
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    /// <summary>One operator-chosen client secret (shorthand for a single entry in <see cref="ClientSecrets"/>).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Operator-chosen client secrets, replacing the previously configured ones.</summary>
    public IReadOnlyList<ConfiguredClientSecret> ClientSecrets { get; init; } = [];

    /// <summary>B2C's "ID tokens (used for implicit and hybrid flows)" checkbox.</summary>
    public bool AllowImplicitIdToken { get; init; }

    /// <summary>B2C's "Access tokens (used for implicit flows)" checkbox.</summary>
    public bool AllowImplicitAccessToken { get; init; }

    /// <summary>Allow the client credentials grant (used only when the application has a secret).</summary>
    public bool AllowClientCredentials { get; init; }

    /// <summary>Allow tokens for the server's admin API (<c>idp.admin</c>, client credentials).</summary>
    public bool AdminApiAccess { get; init; }

    /// <summary>The exposed API's App ID URI, or null when the application exposes no API.</summary>
    public string? AppIdUri { get; init; }

    /// <summary>Scopes the exposed API defines.</summary>
    public IReadOnlyList<ApiScope> ApiScopes { get; init; } = [];

    /// <summary>API scopes this application may request, as clients write them (<c>https://contoso.onmicrosoft.com/tasks-api/tasks.read</c>).</summary>
    public IReadOnlyList<string> ApiPermissions { get; init; } = [];

    /// <summary>
    /// Leave the configured secrets as they are (the admin API's updates, which never see secret values); secrets
    /// given here are then ignored.
    /// </summary>
    public bool KeepConfiguredSecrets { get; init; }

    /// <summary>Every configured secret, the shorthand included.</summary>
    public IEnumerable<ConfiguredClientSecret> AllConfiguredSecrets =>
        ClientSecret is null ? ClientSecrets : ClientSecrets.Prepend(new ConfiguredClientSecret(ClientSecret));
}

/// <summary>A client secret an operator chose, with an optional expiry.</summary>
/// <param name="Value">The secret itself; only its hash is stored.</param>
/// <param name="ExpiresAt">After this it no longer authenticates; null for never.</param>
/// <param name="Description">The operator's note on what the secret is for.</param>
public sealed record ConfiguredClientSecret(string Value, DateTimeOffset? ExpiresAt = null, string? Description = null);
