using System.Security.Cryptography.X509Certificates;

namespace IdP.Server.DataProtection;

internal static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Keys in the database, so every node reads cookies, antiforgery tokens and protected keys made by any other;
    /// encrypted at rest with the configured certificate (a start-up warning outside Development when none is).
    /// </summary>
    public static IServiceCollection AddIdPDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdPDataProtectionOptions>().BindConfiguration(IdPDataProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var builder = services.AddDataProtection().SetApplicationName("IdP").PersistKeysToDbContext<IdPDbContext>();
        var options = configuration.GetSection(IdPDataProtectionOptions.Section).Get<IdPDataProtectionOptions>() ?? new IdPDataProtectionOptions();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && File.Exists(options.CertificatePath))
        {
            // Decrypting old keys needs the certificate too: rotate by adding the new one here and keeping the old one
            // available in the store until every key it protected has expired.
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet));
        }
        else if (!string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            builder.ProtectKeysWithCertificate(options.CertificateThumbprint);
        }

        return services;
    }
}
