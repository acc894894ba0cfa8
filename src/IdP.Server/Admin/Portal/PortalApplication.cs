namespace IdP.Server.Admin.Portal;

/// <summary>
/// The admin portal as a client of this server: a public client (code flow with PKCE) whose only reply URL is the
/// portal's callback on the host that served the sign-in (see <see cref="PortalRedirectUriRule"/>).
/// </summary>
public static class PortalApplication
{
    /// <summary>Its client id: the <c>aud</c> of the ID tokens the portal accepts.</summary>
    public const string ClientId = "idp-admin-portal";

    /// <summary>Where the portal lives.</summary>
    public const string Prefix = "/admin";

    /// <summary>The OpenID Connect handler's callback path.</summary>
    public const string CallbackPath = Prefix + "/signin-oidc";

    /// <summary>The portal's reply URL on an origin (<c>scheme://host/pathbase</c>).</summary>
    public static string RedirectUri(string origin) => origin + CallbackPath;
}
