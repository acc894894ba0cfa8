using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// Checks tokens as the party receiving them must, since MSAL does not (it only decodes the ID token): RS256 signature
/// by a key in the flow's JWKS, <c>iss</c> equal to the flow's discovery issuer, the expected <c>aud</c>, and not
/// expired. Discovery is read at the MSAL authority (<c>/tfp/…</c>), the one the app was configured with.
/// </summary>
internal sealed class TokenVerifier
{
    private readonly string _issuer;
    private readonly IList<SecurityKey> _keys;

    private TokenVerifier(string issuer, IList<SecurityKey> keys)
    {
        _issuer = issuer;
        _keys = keys;
    }

    /// <summary>The discovery issuer tokens must carry.</summary>
    public string Issuer => _issuer;

    public static async Task<TokenVerifier> ForAsync(ClientsIdPFactory idp)
    {
        ArgumentNullException.ThrowIfNull(idp);
        using var client = idp.CreateTrustingClient();
        var discovery = await client.GetFromJsonAsync<JsonElement>(idp.TfpAuthority + "/v2.0/.well-known/openid-configuration");
        var jwks = await client.GetStringAsync(discovery.GetProperty("jwks_uri").GetString());
        return new TokenVerifier(discovery.GetProperty("issuer").GetString()!, new JsonWebKeySet(jwks).GetSigningKeys());
    }

    /// <summary>The token when it is valid for <paramref name="audience"/>; otherwise throws with the reason.</summary>
    public async Task<JsonWebToken> VerifyAsync(string token, string audience)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _issuer,
            ValidAudience = audience,
            IssuerSigningKeys = _keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
        return result.IsValid ? (JsonWebToken)result.SecurityToken : throw new InvalidOperationException($"Token not valid for '{audience}': {result.Exception?.Message}");
    }
}
