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

    /// <summary>
    /// Honour X-Forwarded-For/-Proto/-Host, which decide the scheme and host of the issuer and every URL we build. From
    /// the <see cref="KnownProxies"/> only; from any source when none are listed (a start-up warning says so).
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>
    /// The proxies allowed to send forwarded headers: IP addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>),
    /// as a list or separated by commas or semicolons.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// Outside Development the server refuses to start with <c>AllowedHosts</c> "*" (any Host header chooses the
    /// issuer) unless this says so explicitly, e.g. when a proxy in front already filters hosts.
    /// </summary>
    public bool AllowAnyHost { get; set; }
}
