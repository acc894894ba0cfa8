namespace IdP.Core.Applications;

/// <summary>
/// Makes and checks client secrets. Generated secrets carry 256 random bits, so one SHA-256 is enough to keep them
/// safe at rest and keeps each token request cheap; secrets an operator chose have unknown strength, so they get a
/// salted, slow PBKDF2 hash instead. Comparisons are constant-time.
/// </summary>
public static class ClientSecretHasher
{
    /// <summary>Shortest secret an operator may configure.</summary>
    public const int MinimumConfiguredLength = 16;

    /// <summary>Longest secret accepted anywhere (token requests included).</summary>
    public const int MaximumLength = 512;

    private const string Sha256Prefix = "sha256$";
    private const string Pbkdf2Prefix = "pbkdf2-sha256$";
    private const int Pbkdf2Iterations = 100_000;

    /// <summary>A new random secret: 43 URL-safe characters.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a secret made by <see cref="Generate"/>.</summary>
    public static string HashGenerated(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Sha256Prefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>The stored form of a secret an operator chose.</summary>
    public static string HashConfigured(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Pbkdf2Prefix}{Pbkdf2Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="secret"/> is the one <paramref name="storedHash"/> was made from.</summary>
    public static bool Verify(string secret, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(storedHash);
        if (secret.Length is 0 or > MaximumLength)
        {
            return false;
        }

        if (storedHash.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return FixedTimeEquals(HashGenerated(secret), storedHash);
        }

        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] + "$" != Pbkdf2Prefix || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The first characters of a secret, shown to tell secrets apart.</summary>
    public static string Hint(string secret) => secret.Length <= 3 ? secret : secret[..3];

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
