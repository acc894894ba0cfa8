namespace IdP.Server.DataProtection;

/// <summary>
/// Bound from <c>IdP:DataProtection</c>: the certificate that encrypts the Data Protection key ring at rest. The ring is
/// in the database (every node shares it) and protects cookies, antiforgery tokens, token signing keys and Run now's
/// verifiers; without a certificate a database backup holds everything needed to forge them.
/// </summary>
public sealed class IdPDataProtectionOptions : IValidatableObject
{
    public const string Section = "IdP:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password (from a secret store or an environment variable).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Or: the thumbprint of a certificate in the current user's or the machine's "My" store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>True when a certificate is configured.</summary>
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(CertificatePath) && !string.IsNullOrWhiteSpace(CertificateThumbprint))
        {
            yield return new ValidationResult("Set IdP:DataProtection:CertificatePath or CertificateThumbprint, not both.", [nameof(CertificatePath)]);
        }

        if (!string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
        {
            yield return new ValidationResult($"IdP:DataProtection:CertificatePath: no file at '{CertificatePath}'.", [nameof(CertificatePath)]);
        }
    }
}
