namespace IdP.Server.Keys;

/// <summary>
/// A token key held in the database so every node signs and validates with the same keys and restarts keep them.
/// The private material is encrypted with Data Protection. A key is published (in JWKS) from creation, signs or
/// encrypts between <see cref="ActivatesAt"/> and <see cref="RetiresAt"/>, and is kept for validation until
/// <see cref="ExpiresAt"/>, when every token it protected has expired.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The JWK <c>kid</c>.</summary>
    public required string Id { get; set; }

    public KeyUse Use { get; set; }

    /// <summary>Per use, 1, 2, 3…: unique, so two nodes rotating at once cannot both add a successor.</summary>
    public int Generation { get; set; }

    public required string ProtectedMaterial { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ActivatesAt { get; set; }
    public DateTimeOffset RetiresAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>What a key protects.</summary>
public enum KeyUse
{
    /// <summary>RSA key that signs tokens (RS256), published in JWKS.</summary>
    Signing = 0,

    /// <summary>Symmetric key that encrypts the server's own tokens (codes, refresh tokens); never published.</summary>
    Encryption = 1,
}
