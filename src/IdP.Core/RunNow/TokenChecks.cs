namespace IdP.Core.RunNow;

/// <summary>One thing the viewer checked about a response or a token, as a relying party would.</summary>
/// <param name="Kind">What was checked.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Expected">The value a relying party expects, when there is one to show.</param>
/// <param name="Actual">The value the token or response has.</param>
public sealed record TokenCheck(TokenCheckKind Kind, bool Passed, string? Expected = null, string? Actual = null);

/// <summary>What the viewer checks.</summary>
public enum TokenCheckKind
{
    /// <summary>The response's <c>state</c> is that of a run started in this browser.</summary>
    State,

    /// <summary>The ID token's <c>nonce</c> is the run's.</summary>
    Nonce,

    /// <summary>The signature verifies with a key of the flow's JWKS.</summary>
    Signature,

    /// <summary><c>iss</c> is the flow's issuer at the address the run used.</summary>
    Issuer,

    /// <summary><c>aud</c> holds the application's client id.</summary>
    Audience,

    /// <summary>The token is within <c>nbf</c>/<c>exp</c> now.</summary>
    Lifetime,

    /// <summary>The code was redeemed with the run's PKCE verifier.</summary>
    ProofKey,
}

/// <summary>The checks a relying party makes on the tokens of a response, given what it expects.</summary>
public static class TokenChecks
{
    /// <summary>Clock skew allowed on <c>nbf</c>, as most OpenID Connect libraries do.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Issuer, audience, nonce and lifetime of an ID token.</summary>
    public static IReadOnlyList<TokenCheck> ForIdToken(DecodedJwt token, string issuer, string clientId, string nonce, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return
        [
            Issuer(token, issuer),
            new TokenCheck(TokenCheckKind.Audience, token.Audiences.Contains(clientId, StringComparer.Ordinal), clientId, string.Join(", ", token.Audiences)),
            new TokenCheck(TokenCheckKind.Nonce, string.Equals(token.Claim("nonce"), nonce, StringComparison.Ordinal), nonce, token.Claim("nonce")),
            Lifetime(token, now),
        ];
    }

    /// <summary>Issuer and lifetime of an access token (its audience is the API it is for, not necessarily the app).</summary>
    public static IReadOnlyList<TokenCheck> ForAccessToken(DecodedJwt token, string issuer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return [Issuer(token, issuer), Lifetime(token, now)];
    }

    private static TokenCheck Issuer(DecodedJwt token, string issuer) =>
        new(TokenCheckKind.Issuer, string.Equals(token.Claim("iss"), issuer, StringComparison.Ordinal), issuer, token.Claim("iss"));

    private static TokenCheck Lifetime(DecodedJwt token, DateTimeOffset now)
    {
        var expires = token.Time("exp");
        var notBefore = token.Time("nbf") ?? token.Time("iat");
        var passed = expires is { } exp && exp > now && (notBefore is null || notBefore <= now + ClockSkew);
        return new TokenCheck(TokenCheckKind.Lifetime, passed, Actual: expires?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
