namespace IdP.Core.SignIn;

/// <summary>Keys for per-name counters: a hash, so the tables never store what people typed.</summary>
public static class ThrottleKey
{
    /// <summary>Hex SHA-256 of the kind and the normalised name.</summary>
    public static string For(SignInNameKind kind, string normalizedName) => Hash($"{kind}:{normalizedName}");

    /// <summary>Hex SHA-256 of a normalised email address.</summary>
    public static string ForAddress(string normalizedAddress) => Hash($"address:{normalizedAddress}");

    /// <summary>Hex SHA-256 of a normalised email address, for a second factor's codes: counted apart from the reset's.</summary>
    public static string ForMultifactorAddress(string normalizedAddress) => Hash($"mfa-address:{normalizedAddress}");

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
