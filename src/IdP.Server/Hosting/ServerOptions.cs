namespace IdP.Server.Hosting;

/// <summary>Bound from <c>IdP:Server</c>: transport settings.</summary>
public sealed class ServerOptions
{
    public const string Section = "IdP:Server";

    /// <summary>
    /// Refuse protocol requests over plain HTTP and mark cookies Secure. On by default; Development and the
    /// docker-compose demo switch it off. Behind a TLS-terminating proxy, enable forwarded headers instead.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Trust X-Forwarded-For/-Proto/-Host from any proxy (set only when the server is reachable through proxies alone).</summary>
    public bool TrustForwardedHeaders { get; set; }
}
