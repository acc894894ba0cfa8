namespace IdP.Server.Hosting;

/// <summary>
/// Settings that work but let a client choose the scheme or host the server believes it has, which the issuer, every
/// URL in discovery and Run now's same-origin rule follow. Said once, at start-up, where an operator looks.
/// </summary>
internal static partial class StartupWarnings
{
    public static void Log(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IdP");
        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        if (server.TrustForwardedHeaders && !KnownProxies.Entries(server.KnownProxies).Any())
        {
            ForwardedHeadersFromAnySource(logger);
        }

        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<IOptions<DataProtection.IdPDataProtectionOptions>>().Value.HasCertificate)
        {
            KeysUnencrypted(logger);
        }

        // Development keeps "*" so localhost, 127.0.0.1 and container names all work; elsewhere it needs AllowAnyHost.
        if (!app.Environment.IsDevelopment() && AllowedHostsCheck.AllowsAnyHost(app.Configuration))
        {
            AnyHost(logger);
        }
    }

    [LoggerMessage(3111, LogLevel.Warning, "IdP:Server:TrustForwardedHeaders is on but IdP:Server:KnownProxies is empty: X-Forwarded-For/-Proto/-Host are accepted from any client, which can then choose the issuer and the URLs the server builds. List your proxies' addresses or networks in IdP:Server:KnownProxies.")]
    private static partial void ForwardedHeadersFromAnySource(ILogger logger);

    [LoggerMessage(3112, LogLevel.Warning, "AllowedHosts is \"*\" and IdP:Server:AllowAnyHost is on: the server answers for any Host header that reaches it, and the issuer, the discovery URLs and Run now's same-origin rule follow it. Make sure a proxy in front filters hosts, or set AllowedHosts to the host names clients use.")]
    private static partial void AnyHost(ILogger logger);

    [LoggerMessage(3113, LogLevel.Warning, "No IdP:DataProtection certificate is configured: the Data Protection key ring (which protects session cookies, antiforgery tokens and the token signing keys) is stored unencrypted in the database. Set IdP:DataProtection:CertificatePath (a .pfx) or CertificateThumbprint.")]
    private static partial void KeysUnencrypted(ILogger logger);
}
