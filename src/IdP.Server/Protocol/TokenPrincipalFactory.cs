using IdP.Core.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IdP.Server.Protocol;

/// <summary>
/// Builds the principal OpenIddict turns into tokens: the claims <see cref="TokenClaimsBuilder"/> chose, each sent to
/// the ID and access tokens, plus private claims that only our token endpoint reads (the flow that issued the grant,
/// the account's security stamp, when the sign-in session started).
/// </summary>
public sealed class TokenPrincipalFactory(IOpenIddictScopeManager scopes)
{
    /// <summary>The account's object id, whatever the flow puts in <c>sub</c>.</summary>
    public const string AccountClaim = "idp_account";

    /// <summary>Flow that issued a grant: codes and refresh tokens are redeemed only under it.</summary>
    public const string PolicyClaim = "idp_policy";

    /// <summary>The account's security stamp when the grant was issued: a password reset changes it.</summary>
    public const string StampClaim = "idp_stamp";

    /// <summary>Unix seconds when the sign-in began: bounds the refresh token sliding window.</summary>
    public const string SessionStartClaim = "idp_session_start";

    /// <summary>"1" when the grant belongs to a single-page app: its refresh tokens end 24 hours after sign-in (B2C).</summary>
    public const string SpaClaim = "idp_spa";

    /// <summary>How long a SPA's refresh tokens can keep a sign-in alive, whatever the flow allows (B2C: 24 hours).</summary>
    public static readonly TimeSpan SpaRefreshTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// A principal for <paramref name="account"/> signing in through <paramref name="flow"/>. The account is the one
    /// <see cref="AccountStanding"/> just accepted, so it carries its sign-in names.
    /// </summary>
    public async Task<ClaimsPrincipal> CreateAsync(Account account, UserFlow flow, Guid tenantId, DateTimeOffset authTime, DateTimeOffset sessionStart, ImmutableArray<string> requestedScopes, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(flow);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

        foreach (var claim in TokenClaimsBuilder.Build(account, account.SignInNames, flow, authTime))
        {
            var valueType = claim.Shape switch
            {
                TokenClaimShape.Number => ClaimValueTypes.Integer64,
                TokenClaimShape.JsonArray => JsonClaimValueTypes.JsonArray,
                _ => ClaimValueTypes.String,
            };
            identity.AddClaim(new Claim(claim.Type, claim.Value, valueType).SetDestinations(Destinations.IdentityToken, Destinations.AccessToken));
        }

        // The tenant id: MSAL takes the account's tenant from it, and Microsoft.Identity.Web needs it to validate a
        // tfp-form issuer.
        identity.AddClaim(new Claim("tid", tenantId.ToString("D")).SetDestinations(Destinations.IdentityToken, Destinations.AccessToken));

        // Private claims have no destination: they live only inside the encrypted code and refresh token.
        identity.AddClaim(new Claim(AccountClaim, account.Id.ToString("D")));
        identity.AddClaim(new Claim(PolicyClaim, flow.Name));
        identity.AddClaim(new Claim(StampClaim, account.SecurityStamp ?? ""));
        identity.AddClaim(new Claim(SessionStartClaim, sessionStart.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(requestedScopes);

        // B2C: an access token's audience is the API the scopes belong to, or the app itself when it asked for its own id.
        var resources = await scopes.ListResourcesAsync(requestedScopes, cancellationToken).ToListAsync(cancellationToken);
        principal.SetResources(resources.Count > 0 ? resources : [clientId]);

        var tokenLifetime = TimeSpan.FromMinutes(flow.AccessAndIdTokenLifetimeMinutes);
        principal.SetAccessTokenLifetime(tokenLifetime);
        principal.SetIdentityTokenLifetime(tokenLifetime);
        principal.SetRefreshTokenLifetime(TimeSpan.FromDays(flow.RefreshTokenLifetimeDays));
        return principal;
    }

    /// <summary>
    /// Caps the refresh token at the end of the flow's bounded sliding window, and for a single-page app at 24 hours
    /// after sign-in (marking the principal so later refreshes keep the cap). Returns the refresh token's lifetime.
    /// </summary>
    public static TimeSpan CapRefreshToken(ClaimsPrincipal principal, UserFlow flow, DateTimeOffset sessionStart, DateTimeOffset now, bool spa = false)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(flow);
        DateTimeOffset? end = flow.RefreshTokenSlidingWindow == RefreshTokenSlidingWindow.Bounded
            ? sessionStart + TimeSpan.FromDays(flow.RefreshTokenSlidingWindowDays)
            : null;
        if (spa)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SpaClaim, "1"));
            var spaEnd = sessionStart + SpaRefreshTokenLifetime;
            end = end is { } windowEnd && windowEnd < spaEnd ? windowEnd : spaEnd;
        }

        var lifetime = TimeSpan.FromDays(flow.RefreshTokenLifetimeDays);
        if (end - now is { } left && left < lifetime)
        {
            lifetime = left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
            principal.SetRefreshTokenLifetime(lifetime);
        }

        return lifetime;
    }
}
