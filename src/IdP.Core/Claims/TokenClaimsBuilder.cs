using IdP.Core.UserFlows;

namespace IdP.Core.Claims;

/// <summary>
/// Decides which claims a sign-in's tokens carry, as B2C issues them: <c>sub</c> per the flow's subject setting,
/// <c>ver</c> "1.0", the policy in <c>tfp</c> or <c>acr</c>, <c>auth_time</c>, and the flow's application claims.
/// Protocol claims (<c>iss</c>, <c>aud</c>, <c>exp</c>, <c>nonce</c>, hashes) are the token service's job.
/// </summary>
public static class TokenClaimsBuilder
{
    /// <summary>B2C's legacy <c>sub</c> value for flows whose subject claim is "Not supported".</summary>
    public const string SubjectNotSupported = "Not supported currently. Use oid claim.";

    /// <summary>The claims for <paramref name="account"/> signing in through <paramref name="flow"/>.</summary>
    public static IReadOnlyList<TokenClaim> Build(Account account, IReadOnlyCollection<SignInName> signInNames, UserFlow flow, DateTimeOffset authTime)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(signInNames);
        ArgumentNullException.ThrowIfNull(flow);

        var objectId = account.Id.ToString("D");
        var claims = new List<TokenClaim>
        {
            new("sub", flow.SubjectClaim == SubjectClaim.ObjectId ? objectId : SubjectNotSupported),
            new("ver", "1.0"),
            new(flow.PolicyClaimType, flow.Name),
            new("auth_time", authTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), TokenClaimShape.Number),
        };

        foreach (var name in flow.ApplicationClaims)
        {
            var claim = name switch
            {
                ApplicationClaims.ObjectId => new TokenClaim(name, objectId),
                ApplicationClaims.DisplayName => Optional(name, account.DisplayName),
                ApplicationClaims.GivenName => Optional(name, account.GivenName),
                ApplicationClaims.Surname => Optional(name, account.Surname),
                ApplicationClaims.Emails => Emails(account, signInNames),
                // idp is only returned for social identity providers and newUser only at sign-up (B2C): neither
                // applies to a local-account sign-in, so they are accepted in the flow but produce nothing.
                _ => null,
            };
            if (claim is not null)
            {
                claims.Add(claim);
            }
        }

        return claims;
    }

    private static TokenClaim? Optional(string type, string? value) => string.IsNullOrWhiteSpace(value) ? null : new TokenClaim(type, value);

    // B2C's emails claim lists the sign-in email addresses and the other (contact) addresses, always as an array.
    private static TokenClaim? Emails(Account account, IReadOnlyCollection<SignInName> signInNames)
    {
        var emails = signInNames.Where(n => n.Kind == SignInNameKind.Email).Select(n => n.Value)
            .Append(account.Email)
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .Select(e => e!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return emails.Length == 0 ? null : new TokenClaim(ApplicationClaims.Emails, JsonSerializer.Serialize(emails), TokenClaimShape.JsonArray);
    }
}
