namespace IdP.Core.Applications;

/// <summary>
/// The server's own API (the admin API): one scope, <c>idp.admin</c>, requested with the client credentials grant by
/// applications an operator allows (<see cref="Application.AdminApiAccess"/>); its tokens' audience is <see cref="Audience"/>.
/// </summary>
public static class ServerApi
{
    /// <summary>The scope that grants the admin API.</summary>
    public const string AdminScope = "idp.admin";

    /// <summary>The admin API's audience: the <c>aud</c> of the access tokens it accepts.</summary>
    public const string Audience = "idp-admin";
}
