namespace IdP.Core.RunNow;

/// <summary>PKCE (RFC 7636) with S256, as the built-in application uses it: it is a public client.</summary>
public static class Pkce
{
    /// <summary>A new code verifier: 256 random bits, base64url (43 characters, within RFC 7636's 43-128).</summary>
    public static string CreateVerifier() => JourneyService.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The S256 code challenge of <paramref name="verifier"/>.</summary>
    public static string Challenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return JourneyService.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }
}
