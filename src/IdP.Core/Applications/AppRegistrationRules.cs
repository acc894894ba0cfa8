using System.Text.RegularExpressions;

namespace IdP.Core.Applications;

/// <summary>
/// The checks a registration passes before it is stored; the ones that need other registrations (unique ids, known
/// API scopes) are in <see cref="AppRegistrationService"/>.
/// </summary>
public static partial class AppRegistrationRules
{
    /// <summary>Longest client id, in characters.</summary>
    public const int MaxClientIdLength = 128;

    /// <summary>Longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 256;

    /// <summary>Most reply URLs an application has, all platforms together.</summary>
    public const int MaxRedirectUris = 256;

    /// <summary>Longest App ID URI, in characters.</summary>
    public const int MaxAppIdUriLength = 256;

    /// <summary>Most scopes an exposed API defines.</summary>
    public const int MaxScopes = 100;

    /// <summary>Most client secrets an application has.</summary>
    public const int MaxSecrets = 10;

    /// <summary>Every problem with <paramref name="registration"/>, each naming its field; empty when it is valid.</summary>
    public static IReadOnlyList<AppRegistrationError> Check(AppRegistration registration, bool allowPlainHttp)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = new List<AppRegistrationError>();

        if (string.IsNullOrWhiteSpace(registration.ClientId) || registration.ClientId.Length > MaxClientIdLength || !ClientIdPattern().IsMatch(registration.ClientId))
        {
            errors.Add(new("clientId", AdminText.AppIdInvalid(MaxClientIdLength)));
        }
        else if (ServerApi.IsReservedClientId(registration.ClientId))
        {
            errors.Add(new("clientId", AdminText.AppIdReserved(registration.ClientId)));
        }

        if (string.IsNullOrWhiteSpace(registration.DisplayName) || registration.DisplayName.Length > MaxDisplayNameLength)
        {
            errors.Add(new("displayName", AdminText.AppDisplayNameInvalid(MaxDisplayNameLength)));
        }

        var platforms = new (string Field, AppPlatform Platform, IReadOnlyList<string> Uris)[]
        {
            ("redirectUris", AppPlatform.Web, registration.RedirectUris),
            ("spaRedirectUris", AppPlatform.Spa, registration.SpaRedirectUris),
            ("publicClientRedirectUris", AppPlatform.PublicClient, registration.PublicClientRedirectUris),
        };
        if (platforms.Sum(p => p.Uris.Count) > MaxRedirectUris)
        {
            errors.Add(new("redirectUris", AdminText.AppTooManyReplyUrls(MaxRedirectUris)));
        }

        foreach (var (field, platform, uris) in platforms)
        {
            errors.AddRange(uris.Select(uri => RedirectUriRules.Problem(platform, uri, allowPlainHttp)).OfType<string>().Select(m => new AppRegistrationError(field, m)));
        }

        var all = platforms.SelectMany(p => p.Uris).ToList();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Count)
        {
            errors.Add(new("redirectUris", AdminText.AppReplyUrlRepeated));
        }

        foreach (var uri in registration.PostLogoutRedirectUris ?? [])
        {
            if (RedirectUriRules.PostLogoutProblem(uri, allowPlainHttp) is { } problem)
            {
                errors.Add(new("postLogoutRedirectUris", problem));
            }
        }

        CheckApi(registration, errors);
        CheckSecrets(registration, errors);
        return errors;
    }

    private static void CheckApi(AppRegistration registration, List<AppRegistrationError> errors)
    {
        if (registration.AppIdUri is { } appIdUri)
        {
            var valid = appIdUri.Length <= MaxAppIdUriLength
                && Uri.TryCreate(appIdUri, UriKind.Absolute, out var parsed)
                && parsed.Scheme is "https" or "api"
                && parsed.Query.Length == 0 && parsed.Fragment.Length == 0
                && !appIdUri.EndsWith('/')
                && !appIdUri.Any(char.IsWhiteSpace);
            if (!valid)
            {
                errors.Add(new("appIdUri", AdminText.AppIdUriInvalid(MaxAppIdUriLength)));
            }
        }

        if (registration.ApiScopes.Count > 0 && registration.AppIdUri is null)
        {
            errors.Add(new("appIdUri", AdminText.AppIdUriBeforeScopes));
        }

        if (registration.ApiScopes.Count > MaxScopes)
        {
            errors.Add(new("apiScopes", AdminText.AppTooManyScopes(MaxScopes)));
        }

        foreach (var scope in registration.ApiScopes)
        {
            if (string.IsNullOrEmpty(scope.Name) || !ScopeNamePattern().IsMatch(scope.Name) || scope.Name == ApiScopeValue.Default)
            {
                errors.Add(new("apiScopes", AdminText.AppScopeNameInvalid(scope.Name)));
            }
            else if (string.Equals(scope.Name, ServerApi.AdminScope, StringComparison.OrdinalIgnoreCase))
            {
                // The admin API's audience check already keeps such tokens out; a look-alike name only misleads.
                errors.Add(new("apiScopes", AdminText.AppScopeNameReserved(scope.Name)));
            }

            if (scope.Description is { Length: > 1024 })
            {
                errors.Add(new("apiScopes", AdminText.AppScopeDescriptionTooLong(scope.Name)));
            }
        }

        if (registration.ApiScopes.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != registration.ApiScopes.Count)
        {
            errors.Add(new("apiScopes", AdminText.AppScopeRepeated));
        }

        foreach (var permission in registration.ApiPermissions)
        {
            if (!ApiScopeValue.TryParse(permission, out _, out var name) || name == ApiScopeValue.Default)
            {
                errors.Add(new("apiPermissions", AdminText.AppPermissionNotAScope(permission)));
            }
        }
    }

    private static void CheckSecrets(AppRegistration registration, List<AppRegistrationError> errors)
    {
        var secrets = registration.AllConfiguredSecrets.ToList();
        if (secrets.Count > MaxSecrets)
        {
            errors.Add(new("clientSecrets", AdminText.AppTooManySecrets(MaxSecrets)));
        }

        foreach (var secret in secrets)
        {
            if (secret.Value is null || secret.Value.Length < ClientSecretHasher.MinimumConfiguredLength || secret.Value.Length > ClientSecretHasher.MaximumLength || secret.Value.Any(char.IsControl))
            {
                // Never echo the value: it is a secret, and errors end up in logs.
                errors.Add(new("clientSecrets", AdminText.AppConfiguredSecretInvalid(ClientSecretHasher.MinimumConfiguredLength, ClientSecretHasher.MaximumLength)));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._~-]+$")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex ScopeNamePattern();
}
