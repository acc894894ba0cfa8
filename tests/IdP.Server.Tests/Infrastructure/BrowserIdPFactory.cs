using System.Net;
using System.Net.Sockets;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The server on a real loopback port (Kestrel), for tests that drive a real browser. SQLite-backed: the browser
/// tests check what a person sees; the database providers are covered by the HTTP suites.
/// </summary>
public class BrowserIdPFactory : SqliteIdPFactory
{
    public BrowserIdPFactory()
    {
        Port = FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }

    /// <summary>The server's address as the browser sees it.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
