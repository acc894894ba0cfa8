using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The server on a real loopback port over HTTPS (Kestrel, with a certificate from <see cref="TestCertificates"/>), for
/// the clients people use, which refuse plain HTTP authorities (MSAL, msal-browser). SQLite-backed like the browser
/// tests; the HTTP suites cover both providers. HTTPS is required, as in production.
/// </summary>
public class HttpsIdPFactory : SqliteIdPFactory
{
    public HttpsIdPFactory()
    {
        Port = FreePort();
        UseKestrel(options => options.Listen(IPAddress.Loopback, Port, listen => listen.UseHttps(TestCertificates.Server)));
        With("IdP:Server:RequireHttps", "true");
    }

    public int Port { get; }

    /// <summary>The server's address as clients see it (the host is in the certificate).</summary>
    public string BaseUrl => $"https://localhost:{Port}";

    /// <summary>A client that trusts the test CA and talks to <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateTrustingClient() => new(TestCertificates.CreateTrustingHandler()) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A loopback port nothing listens on right now (for a second server a test starts beside this one).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
