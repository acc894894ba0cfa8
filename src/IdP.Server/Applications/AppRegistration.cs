namespace IdP.Server.Applications;

/// <summary>A relying-party application as an operator registers it (B2C's "App registration").</summary>
public sealed record AppRegistration(string ClientId, string DisplayName)
{
    /// <summary>Reply URLs, matched exactly.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Where apps may send users after sign-out; defaults to the reply URLs.</summary>
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    /// <summary>Set for a confidential client (web app, daemon); public clients (SPA, mobile) must use PKCE.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>B2C's "ID tokens (used for implicit and hybrid flows)" checkbox.</summary>
    public bool AllowImplicitIdToken { get; init; }

    /// <summary>Allow the client credentials grant (confidential clients only).</summary>
    public bool AllowClientCredentials { get; init; }
}
