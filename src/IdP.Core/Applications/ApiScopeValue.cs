namespace IdP.Core.Applications;

/// <summary>How API scopes are written in requests: <c>{App ID URI}/{scope}</c>, and <c>{App ID URI}/.default</c>.</summary>
public static class ApiScopeValue
{
    /// <summary>The scope daemons request with client credentials: every scope their permissions grant on the API.</summary>
    public const string Default = ".default";

    /// <summary><c>{appIdUri}/{scopeName}</c>.</summary>
    public static string Format(string appIdUri, string scopeName)
    {
        ArgumentNullException.ThrowIfNull(appIdUri);
        return $"{appIdUri.TrimEnd('/')}/{scopeName}";
    }

    /// <summary>Splits a requested scope into its App ID URI and scope name; false for scopes without a resource.</summary>
    public static bool TryParse(string? value, out string appIdUri, out string scopeName)
    {
        appIdUri = scopeName = "";
        var slash = value?.LastIndexOf('/') ?? -1;
        // On Linux and macOS, Uri reads "/x" and "//host" as file paths; no App ID URI is a file (see AppRegistrationRules).
        if (value is null || slash <= 0 || slash == value.Length - 1 || !Uri.TryCreate(value[..slash], UriKind.Absolute, out var resource) || resource.IsFile)
        {
            return false;
        }

        appIdUri = value[..slash];
        scopeName = value[(slash + 1)..];
        return true;
    }
}
