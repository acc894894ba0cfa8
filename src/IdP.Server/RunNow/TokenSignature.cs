using Microsoft.IdentityModel.JsonWebTokens;

namespace IdP.Server.RunNow;

/// <summary>
/// Verifies a token's signature against the keys the flow's JWKS document publishes: OpenIddict's signing
/// credentials, which the key ring fills with every published key (the active one, its successor, retired ones).
/// Only the signature: issuer, audience, nonce and lifetime are reported separately by the viewer.
/// </summary>
public sealed class TokenSignature(IOptionsMonitor<OpenIddictServerOptions> server)
{
    public async Task<SignatureCheck> VerifyAsync(string token)
    {
        var keys = server.CurrentValue.SigningCredentials.Select(c => c.Key).ToList();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = false,
        });

        if (result.IsValid)
        {
            return new SignatureCheck(true, SignatureProblem.None);
        }

        return new SignatureCheck(false, result.Exception switch
        {
            SecurityTokenSignatureKeyNotFoundException => SignatureProblem.UnknownKey,
            SecurityTokenInvalidAlgorithmException => SignatureProblem.UnexpectedAlgorithm,
            _ => SignatureProblem.Invalid,
        });
    }
}

/// <summary>Whether the signature verified, and if not, why.</summary>
public sealed record SignatureCheck(bool Valid, SignatureProblem Problem);

public enum SignatureProblem
{
    None,

    /// <summary>The <c>kid</c> is not in the JWKS (another server, or a key that expired).</summary>
    UnknownKey,

    /// <summary>Not RS256.</summary>
    UnexpectedAlgorithm,

    /// <summary>The signature does not match the content: the token was altered or signed by someone else.</summary>
    Invalid,
}
