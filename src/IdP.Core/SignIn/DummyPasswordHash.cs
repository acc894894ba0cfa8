using Microsoft.AspNetCore.Identity;

namespace IdP.Core.SignIn;

/// <summary>
/// A hash of a random password made once per process with the same hasher as real accounts, so checking a password
/// for an unknown account costs the same time as for a real one.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<Account> hasher)
{
    private static readonly Account Nobody = new() { Id = Guid.Empty };

    // Made when the singleton is created (with the first sign-in service), not on the first unknown name: otherwise
    // that one request would cost two hashes and stand out.
    private readonly string _hash = hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    /// <summary>Verifies against the dummy hash; always fails, in the same time as a real check.</summary>
    public PasswordVerificationResult Verify(string password)
    {
        hasher.VerifyHashedPassword(Nobody, _hash, password);
        return PasswordVerificationResult.Failed;
    }
}
