namespace IdP.Server.Seeding;

/// <summary>
/// Bound from <c>IdP:Demo</c>: the demo application and user created at start-up (on by default in Development), so
/// a fresh <c>dotnet run</c> can sign someone in at once and scripts can rely on known values.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "IdP:Demo";

    public bool Enabled { get; set; }

    [Required, EmailAddress]
    public string UserEmail { get; set; } = "demo@contoso.com";

    /// <summary>The demo user's password; when empty, a random one is made and printed once.</summary>
    public string? UserPassword { get; set; }

    [Required]
    public string ClientId { get; set; } = "demo-app";

    /// <summary>Reply URLs used when <see cref="RedirectUris"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultRedirectUris = ["https://jwt.ms", "http://localhost:5000/demo-app/callback"];

    /// <summary>
    /// The demo app's reply URLs (a public client using PKCE, with implicit id_token allowed). Empty here so configured
    /// values replace the defaults (the configuration binder appends to a list that already has items); see
    /// <see cref="EffectiveRedirectUris"/>.
    /// </summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>The configured reply URLs, or the defaults when none are configured.</summary>
    public IReadOnlyList<string> EffectiveRedirectUris => RedirectUris.Count > 0 ? RedirectUris : DefaultRedirectUris;
}
