using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway certificate authority made once per test run, and a server certificate it issued for
/// <c>localhost</c>/<c>127.0.0.1</c>, so the IdP serves real HTTPS to clients that insist on it (MSAL, browsers) without
/// touching the machine's trust store. Clients trust the CA explicitly: .NET through <see cref="CreateTrustingHandler"/>,
/// Node through <c>NODE_EXTRA_CA_CERTS</c> (<see cref="CaPemPath"/>), Chromium through the server key's SPKI hash.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<(X509Certificate2 Ca, X509Certificate2 Server, string Folder)> Made = new(Make);

    /// <summary>The CA certificate (public part only).</summary>
    public static X509Certificate2 Ca => Made.Value.Ca;

    /// <summary>The server certificate with its private key.</summary>
    public static X509Certificate2 Server => Made.Value.Server;

    /// <summary>The CA certificate as a PEM file.</summary>
    public static string CaPemPath => Path.Combine(Made.Value.Folder, "ca.pem");

    /// <summary>The server certificate and its key as PEM files (for a Node HTTPS server in the client tests).</summary>
    public static string ServerCertPemPath => Path.Combine(Made.Value.Folder, "server.pem");

    public static string ServerKeyPemPath => Path.Combine(Made.Value.Folder, "server.key");

    /// <summary>base64(SHA-256(SubjectPublicKeyInfo)) of the server key, for Chromium's --ignore-certificate-errors-spki-list.</summary>
    public static string ServerSpkiHash => Convert.ToBase64String(SHA256.HashData(Server.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>An HTTP handler that accepts exactly the certificates this CA issued.</summary>
    public static SocketsHttpHandler CreateTrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsIssuedByCa(certificate, errors) },
        AllowAutoRedirect = false,
    };

    /// <summary>True when <paramref name="certificate"/> chains to the test CA and matches the host.</summary>
    public static bool IsIssuedByCa(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    private static (X509Certificate2, X509Certificate2, string) Make()
    {
        // The folder holds a private key: an earlier run's is removed now, this one's at exit or by the next run.
        OwnedTempFolders.RemoveAbandonedAsync("idp-tls-").GetAwaiter().GetResult();
        var folder = OwnedTempFolders.Create("idp-tls-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var now = DateTimeOffset.UtcNow;

        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=IdP test CA (throwaway)", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(serverKey);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        var caPublic = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));

        File.WriteAllText(Path.Combine(folder, "ca.pem"), caPublic.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        return (caPublic, server, folder);
    }
}
