namespace IdP.Core.PasswordReset;

/// <summary>
/// Six-digit codes from a cryptographic generator, stored as a salted PBKDF2 hash and compared in fixed time.
/// Every check costs one derivation, even when there is nothing to compare against.
/// </summary>
public static class VerificationCode
{
    /// <summary>Digits in a code.</summary>
    public const int Length = 6;
    private const string Format = "v1";
    private const int SaltSize = 16;
    private const int HashSize = 32;

    // Enough to make a stolen table slow to search (a million codes each need this many rounds) without making
    // every verification noticeably slow.
    private const int Iterations = 10_000;

    private static readonly byte[] DummySalt = RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>A new code: six digits, uniformly random.</summary>
    public static string Generate() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The stored form of <paramref name="code"/>: <c>v1.salt.hash</c>, with a salt of its own.</summary>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        return $"{Format}.{Convert.ToBase64String(salt)}.{Convert.ToBase64String(Derive(code, salt))}";
    }

    /// <summary>True when <paramref name="input"/> (spaces ignored) is the code behind <paramref name="stored"/>.</summary>
    public static bool Matches(string? input, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != Format)
        {
            SpendOneCheck(input);
            return false;
        }

        var salt = Convert.FromBase64String(parts[1]);
        var expected = Convert.FromBase64String(parts[2]);
        var actual = Derive(Clean(input), salt);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Costs what <see cref="Matches"/> costs and compares nothing: for paths that have no code to check.</summary>
    public static void SpendOneCheck(string? input) => Derive(Clean(input), DummySalt);

    /// <summary>What the person typed, without the spaces people add when copying codes.</summary>
    public static string Clean(string? input)
    {
        // Capped so a huge form value cannot make a check cost more than a real one.
        var value = input is { Length: > 64 } ? input[..64] : input ?? "";
        return string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
    }

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, HashSize);
}
