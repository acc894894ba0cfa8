namespace IdP.Server.RunNow;

/// <summary>
/// The built-in "Run now" application: a public client (PKCE) that may use the implicit flow for ID tokens, and whose
/// only reply URL is the built-in viewer on the host that served the sign-in (see <see cref="ValidateRunNowRedirectUri"/>).
/// </summary>
public static class RunNowApplication
{
    /// <summary>Its client id: the <c>aud</c> of the ID tokens the viewer shows, which no other app accepts.</summary>
    public const string ClientId = "idp-run-now";

    public const string StartRoute = "/{tenant}/{policy}/run-now";
    public const string QueryFormStartRoute = "/{tenant}/run-now";
    public const string ViewerRoute = "/{tenant}/run-now/result";

    /// <summary>The viewer's URL for a tenant segment on an origin (<c>scheme://host/pathbase</c>).</summary>
    public static string ViewerUri(string origin, string tenantSegment) => $"{origin}/{Uri.EscapeDataString(tenantSegment)}/run-now/result";

    /// <summary>The run-now URL of a flow in path form.</summary>
    public static string StartUri(string origin, string tenantSegment, string policy) =>
        $"{origin}/{Uri.EscapeDataString(tenantSegment)}/{Uri.EscapeDataString(policy)}/run-now";
}
