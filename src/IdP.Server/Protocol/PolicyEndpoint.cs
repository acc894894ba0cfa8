namespace IdP.Server.Protocol;

/// <summary>The protocol endpoints every user flow has, at B2C's paths.</summary>
public enum PolicyEndpoint
{
    Configuration,
    Keys,
    Authorize,
    Token,
    Logout,
}

/// <summary>How a request names its user flow: B2C accepts the same endpoint in three forms.</summary>
public enum EndpointForm
{
    /// <summary><c>/{tenant}/{policy}/oauth2/v2.0/authorize</c></summary>
    Path,

    /// <summary><c>/{tenant}/oauth2/v2.0/authorize?p={policy}</c></summary>
    Query,

    /// <summary><c>/tfp/{tenant}/{policy}/oauth2/v2.0/authorize</c>: the only form MSAL.NET accepts for B2C authorities.</summary>
    Tfp,
}

/// <summary>
/// B2C's endpoint paths. Each exists in a path form (<c>/{tenant}/{policy}/oauth2/v2.0/authorize</c>), a query form
/// (<c>/{tenant}/oauth2/v2.0/authorize?p={policy}</c>) and a tfp form (<c>/tfp/{tenant}/{policy}/oauth2/v2.0/authorize</c>).
/// </summary>
public static class PolicyEndpointPaths
{
    /// <summary>Path of each endpoint after <c>/{tenant}/{policy}/</c> (or <c>/{tenant}/</c>).</summary>
    public static readonly IReadOnlyDictionary<PolicyEndpoint, string> Suffixes = new Dictionary<PolicyEndpoint, string>
    {
        [PolicyEndpoint.Configuration] = "v2.0/.well-known/openid-configuration",
        [PolicyEndpoint.Keys] = "discovery/v2.0/keys",
        [PolicyEndpoint.Authorize] = "oauth2/v2.0/authorize",
        [PolicyEndpoint.Token] = "oauth2/v2.0/token",
        [PolicyEndpoint.Logout] = "oauth2/v2.0/logout",
    };

    private static readonly (PolicyEndpoint Endpoint, string[] Segments)[] Parsed =
        [.. Suffixes.Select(s => (s.Key, s.Value.Split('/')))];

    /// <summary>The first segment of the tfp form.</summary>
    public const string TfpSegment = "tfp";

    /// <summary>The query parameter that names the flow in the query form.</summary>
    public const string PolicyParameter = "p";

    /// <summary>
    /// The flow a request names: in its path, or in the query form's <c>p</c>. False when <c>p</c> is given more than
    /// once (RFC 6749 §3.1), which is refused naming it, as <see cref="RefuseRepeatedParameters"/> refuses OpenIddict's
    /// parameters: the query collection would join the values with a comma into a flow name nobody asked for.
    /// </summary>
    public static bool TryReadPolicy(string? policyInPath, IQueryCollection query, out string policy)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query[PolicyParameter];
        policy = policyInPath ?? values.ToString();
        return policyInPath is not null || values.Count <= 1;
    }

    /// <summary>Recognises a request path as a policy endpoint; the policy is null for the query form.</summary>
    public static bool TryParse(string? path, out PolicyPath result)
    {
        result = default;
        if (string.IsNullOrEmpty(path) || path.Length > 512)
        {
            return false;
        }

        var segments = path.Trim('/').Split('/');
        foreach (var (endpoint, suffix) in Parsed)
        {
            var prefixLength = segments.Length - suffix.Length;
            if (prefixLength is not (1 or 2 or 3) || !EndsWith(segments, suffix))
            {
                continue;
            }

            var form = prefixLength switch { 1 => EndpointForm.Query, 2 => EndpointForm.Path, _ => EndpointForm.Tfp };
            if (form == EndpointForm.Tfp && !string.Equals(segments[0], TfpSegment, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var first = form == EndpointForm.Tfp ? 1 : 0;
            var tenant = Uri.UnescapeDataString(segments[first]);
            var policy = form == EndpointForm.Query ? null : Uri.UnescapeDataString(segments[first + 1]);
            if (tenant.Length == 0 || policy is { Length: 0 })
            {
                return false;
            }

            result = new PolicyPath(tenant, policy, endpoint, form);
            return true;
        }

        return false;
    }

    private static bool EndsWith(string[] segments, string[] suffix)
    {
        var offset = segments.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (!string.Equals(segments[offset + i], suffix[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A parsed policy endpoint path: the tenant segment as sent, the policy when in the path, the endpoint and the form.</summary>
public readonly record struct PolicyPath(string TenantSegment, string? PolicyInPath, PolicyEndpoint Endpoint, EndpointForm Form);
