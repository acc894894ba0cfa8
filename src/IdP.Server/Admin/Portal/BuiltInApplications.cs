namespace IdP.Server.Admin.Portal;

/// <summary>The server's own applications: shown apart and never edited from the portal (start-up seeds them).</summary>
public static class BuiltInApplications
{
    /// <summary>The client ids of the Run now viewer and the portal itself.</summary>
    public static IReadOnlyCollection<string> ClientIds { get; } = [RunNowApplication.ClientId, PortalApplication.ClientId];

    /// <summary>True for the Run now viewer and the portal itself.</summary>
    public static bool Contains(string clientId) => ClientIds.Contains(clientId);
}
