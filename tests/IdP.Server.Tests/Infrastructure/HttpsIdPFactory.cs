namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The server on a real loopback port over HTTPS (Kestrel, with a certificate from <see cref="TestCertificates"/>), for
/// the clients people use, which refuse plain HTTP authorities (MSAL, msal-browser). SQLite-backed like the browser
/// tests; the HTTP suites cover both providers. HTTPS is required, as in production.
/// </summary>
public class HttpsIdPFactory : IdPFactory<Sqlite>
{
    public HttpsIdPFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, Port, listen => listen.UseHttps(TestCertificates.Server)));
        With("IdP:Server:RequireHttps", "true");
    }

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>The server's address as clients see it (the host is in the certificate).</summary>
    public string BaseUrl => $"https://localhost:{Port}";

    /// <summary>A client that trusts the test CA and talks to <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateTrustingClient() => new(TestCertificates.CreateTrustingHandler()) { BaseAddress = new Uri(BaseUrl) };
}
