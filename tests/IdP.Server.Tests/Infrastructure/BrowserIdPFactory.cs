namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The server on a real loopback port (Kestrel), for tests that need real sockets: a real browser, or the server
/// connecting to itself. SQLite-backed: these tests check what a person sees or what crosses the network; the database
/// providers are covered by the HTTP suites.
/// </summary>
public class BrowserIdPFactory : IdPFactory<Sqlite>
{
    public BrowserIdPFactory() => UseKestrel(Port);

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>The server's address as the browser sees it.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";
}
