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

    /// <summary>
    /// Whether <paramref name="clientId"/> is one of the admin API's names (in any case). An application's client id is
    /// also the name of its own scope and the audience of its tokens: as <see cref="Audience"/> it would own, and on its
    /// next save remove, the admin API's scope; as <see cref="AdminScope"/> it would collide with that scope's name.
    /// </summary>
    public static bool IsReservedClientId(string clientId) =>
        string.Equals(clientId, AdminScope, StringComparison.OrdinalIgnoreCase) || string.Equals(clientId, Audience, StringComparison.OrdinalIgnoreCase);
}
