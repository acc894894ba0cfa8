namespace IdP.Server.SignIn;

/// <summary>
/// The SSO session cookie's attributes, per response: <c>SameSite=None</c> whenever the cookie is <c>Secure</c>, as B2C's
/// session cookies are, so an app on another site can sign in silently in a hidden iframe (msal-browser's
/// <c>ssoSilent</c>, <c>prompt=none</c>); otherwise (plain HTTP, where browsers refuse <c>None</c> without <c>Secure</c>)
/// <c>Lax</c>. Why this is safe, and which cookies stay Lax, is written where the scheme is configured
/// (<c>IdPServerBuilderExtensions.AddIdPWeb</c>).
/// </summary>
internal sealed class SsoSessionCookie : RequestPathBaseCookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.SameSite = options.Secure ? SameSiteMode.None : SameSiteMode.Lax;
        return options;
    }
}
