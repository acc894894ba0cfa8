namespace IdP.Server.Admin.Portal.Applications;

/// <summary>
/// An app registration as the portal's form edits it: lists as one entry per line (reply URLs per platform, API scopes
/// as <c>name: description</c>), API permissions as the chosen scope values. The rules are the core's
/// (<see cref="AppRegistrationRules"/>); this only reads the form into an <see cref="ApplicationInput"/> and back.
/// </summary>
[ErrorMessagesFrom(typeof(PortalText))]
public sealed class ApplicationForm
{
    [StringLength(128, ErrorMessage = "TooLong")]
    public string? ClientId { get; set; }

    [StringLength(256, ErrorMessage = "TooLong")]
    public string? DisplayName { get; set; }

    [StringLength(16_000, ErrorMessage = "TooLong")]
    public string? RedirectUris { get; set; }

    [StringLength(16_000, ErrorMessage = "TooLong")]
    public string? SpaRedirectUris { get; set; }

    [StringLength(16_000, ErrorMessage = "TooLong")]
    public string? PublicClientRedirectUris { get; set; }

    [StringLength(16_000, ErrorMessage = "TooLong")]
    public string? PostLogoutRedirectUris { get; set; }

    public bool AllowImplicitIdToken { get; set; }

    public bool AllowImplicitAccessToken { get; set; }

    public bool AllowClientCredentials { get; set; }

    public bool AdminApiAccess { get; set; }

    [StringLength(512, ErrorMessage = "TooLong")]
    public string? AppIdUri { get; set; }

    [StringLength(16_000, ErrorMessage = "TooLong")]
    public string? ApiScopes { get; set; }

    public List<string> ApiPermissions { get; set; } = [];

    /// <summary>The form of an existing registration.</summary>
    public static ApplicationForm Of(ApplicationDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new ApplicationForm
        {
            ClientId = details.ClientId,
            DisplayName = details.DisplayName,
            RedirectUris = Lines(details.RedirectUris),
            SpaRedirectUris = Lines(details.SpaRedirectUris),
            PublicClientRedirectUris = Lines(details.PublicClientRedirectUris),
            PostLogoutRedirectUris = Lines(details.PostLogoutRedirectUris),
            AllowImplicitIdToken = details.AllowImplicitIdToken,
            AllowImplicitAccessToken = details.AllowImplicitAccessToken,
            AllowClientCredentials = details.AllowClientCredentials,
            AdminApiAccess = details.AdminApiAccess,
            AppIdUri = details.AppIdUri,
            ApiScopes = Lines(details.ApiScopes.Select(s => string.IsNullOrEmpty(s.Description) ? s.Name : $"{s.Name}: {s.Description}")),
            ApiPermissions = [.. details.ApiPermissions],
        };
    }

    /// <summary>What the form asks for, as the core takes it.</summary>
    public ApplicationInput ToInput(string? clientId) => new()
    {
        ClientId = clientId,
        DisplayName = DisplayName,
        RedirectUris = Split(RedirectUris),
        SpaRedirectUris = Split(SpaRedirectUris),
        PublicClientRedirectUris = Split(PublicClientRedirectUris),
        PostLogoutRedirectUris = Split(PostLogoutRedirectUris),
        AllowImplicitIdToken = AllowImplicitIdToken,
        AllowImplicitAccessToken = AllowImplicitAccessToken,
        AllowClientCredentials = AllowClientCredentials,
        AdminApiAccess = AdminApiAccess,
        AppIdUri = FormValue.Trimmed(AppIdUri),
        ApiScopes = [.. Split(ApiScopes).Select(Scope)],
        ApiPermissions = [.. ApiPermissions.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal)],
    };

    private static ApiScope Scope(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new ApiScope(line) : new ApiScope(line[..colon].Trim(), line[(colon + 1)..].Trim() is { Length: > 0 } d ? d : null);
    }

    private static string Lines(IEnumerable<string> values) => string.Join('\n', values);

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0)];
}

/// <summary>One scope another application exposes, offered as an API permission.</summary>
public sealed record AvailableScope(string Application, string Value, string? Description);
