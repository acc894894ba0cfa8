namespace IdP.Server.RunNow;

/// <summary>
/// Encrypts a run's PKCE verifier while it waits in the database, with the Data Protection keys every node shares, so
/// a copy of the table alone cannot redeem an intercepted code.
/// </summary>
public sealed class CodeVerifierProtector(IDataProtectionProvider protection, ILogger<CodeVerifierProtector> logger)
{
    private readonly IDataProtector _protector = protection.CreateProtector("IdP.RunNow.CodeVerifier.v1");

    public string Protect(string verifier) => _protector.Protect(verifier);

    /// <summary>The verifier, or null when it cannot be decrypted (keys lost or rotated out).</summary>
    public string? Unprotect(string protectedVerifier)
    {
        try
        {
            return _protector.Unprotect(protectedVerifier);
        }
        catch (CryptographicException exception)
        {
            Log.VerifierUnreadable(logger, exception);
            return null;
        }
    }
}
