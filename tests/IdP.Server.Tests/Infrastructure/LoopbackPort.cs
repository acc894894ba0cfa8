namespace IdP.Server.Tests.Infrastructure;

/// <summary>Ports on the loopback interface for what the tests start beside the server (Kestrel, SMTP, PostgreSQL, apps).</summary>
internal static class LoopbackPort
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
