using System.Globalization;
using System.Security.Claims;
using IdP.Core.Audit;
using IdP.Core.Time;
using IdP.Core.UserFlows;
using IdP.Server.Data;
using IdP.Server.ErrorPages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Protocol;

/// <summary>
/// The token endpoint after OpenIddict validated the grant (code + PKCE, refresh token rotation and reuse, client
/// authentication). Here: a grant is redeemed only under the flow that issued it, and the account must still be able
/// to sign in with the same security stamp (a password reset revokes every outstanding refresh token).
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        IdPDbContext db,
        TokenPrincipalFactory principals,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        AuditLog audit,
        IStringLocalizer<ErrorText> text,
        TimeProvider time)
    {
        var policy = http.GetPolicyRequest();
        var request = http.GetOpenIddictServerRequest();
        if (policy is null || request is null)
        {
            return PolicyEndpointFallback.NoRequest(http, text);
        }

        if (request.IsClientCredentialsGrantType())
        {
            return await ClientCredentialsAsync(request, policy, applications, scopes, http.RequestAborted);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(OpenIddictConstants.Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        var authenticated = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (authenticated.Principal is not { } grant)
        {
            return Refuse(OpenIddictConstants.Errors.InvalidGrant, "The provided grant is invalid.");
        }

        var flow = policy.Flow;
        var grantPolicy = grant.GetClaim(TokenPrincipalFactory.PolicyClaim);
        if (!string.Equals(grantPolicy, flow.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(OpenIddictConstants.Errors.InvalidGrant, $"AADB2C90088: The provided grant has not been issued for this endpoint. Actual Value : {grantPolicy} and Expected Value : {flow.Name}");
        }

        var accountId = Guid.TryParse(grant.GetClaim(TokenPrincipalFactory.AccountClaim), out var id) ? id : Guid.Empty;
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, http.RequestAborted);
        var refusal = account switch
        {
            null => "AADB2C90128: The account associated with this grant no longer exists. Please reauthenticate and try again.",
            { Enabled: false } => "AADB2C90111: Your account has been locked. Contact your support person to unlock it, then try again.",
            _ when account.SecurityStamp != grant.GetClaim(TokenPrincipalFactory.StampClaim) =>
                "AADB2C90129: The provided grant has been revoked. Please reauthenticate and try again.",
            _ => null,
        };

        var now = time.UtcNow();
        var sessionStart = ReadUnixSeconds(grant, TokenPrincipalFactory.SessionStartClaim) ?? now;
        if (refusal is null && flow.RefreshTokenSlidingWindow == RefreshTokenSlidingWindow.Bounded
            && now > sessionStart + TimeSpan.FromDays(flow.RefreshTokenSlidingWindowDays))
        {
            refusal = "AADB2C90080: The provided grant has expired. Please re-authenticate and try again.";
        }

        if (refusal is not null)
        {
            await audit.RecordAsync(AuditEventTypes.RefreshTokenRefused, account?.Id, flow.Name, request.ClientId, refusal[..11], http.RequestAborted);
            return Refuse(OpenIddictConstants.Errors.InvalidGrant, refusal);
        }

        var authTime = ReadUnixSeconds(grant, Claims.AuthenticationTime) ?? sessionStart;
        var principal = await principals.CreateAsync(account!, flow, authTime, sessionStart, grant.GetScopes(), request.ClientId!, http.RequestAborted);
        TokenPrincipalFactory.CapRefreshToken(principal, flow, sessionStart, now);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ClientCredentialsAsync(OpenIddictRequest request, PolicyRequest policy, IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken);
        if (application is null)
        {
            return Refuse(OpenIddictConstants.Errors.InvalidClient, "The client application is unknown.");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, request.ClientId!).SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim("ver", "1.0").SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim(policy.Flow.PolicyClaim == PolicyClaim.Acr ? "acr" : "tfp", policy.Flow.Name).SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim(TokenPrincipalFactory.PolicyClaim, policy.Flow.Name));

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        var resources = new List<string>();
        await foreach (var resource in scopes.ListResourcesAsync(request.GetScopes(), cancellationToken))
        {
            resources.Add(resource);
        }

        principal.SetResources(resources.Count > 0 ? resources : [request.ClientId!]);
        principal.SetAccessTokenLifetime(TimeSpan.FromMinutes(policy.Flow.AccessAndIdTokenLifetimeMinutes));
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static DateTimeOffset? ReadUnixSeconds(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.GetClaim(type), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
