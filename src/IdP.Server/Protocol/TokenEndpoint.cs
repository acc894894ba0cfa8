namespace IdP.Server.Protocol;

/// <summary>
/// The token endpoint after OpenIddict validated the grant (code + PKCE, refresh token rotation and reuse, client
/// authentication, requested scopes). Here: a grant is redeemed only under the flow that issued it, and the account
/// must still be able to sign in with the same security stamp (a password reset revokes every outstanding refresh
/// token); requested scopes narrow the new tokens; SPAs' refresh tokens end 24 hours after sign-in.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        AccountStanding standing,
        TokenPrincipalFactory principals,
        ApplicationDirectory directory,
        IOpenIddictScopeManager scopes,
        AuditLog audit,
        IStringLocalizer<ErrorText> text,
        TimeProvider time)
    {
        if (http.GetPolicyEndpointRequest() is not (var policy, var request))
        {
            return PolicyEndpointFallback.NoRequest(http, text);
        }

        if (request.IsClientCredentialsGrantType())
        {
            return await ClientCredentialsAsync(request, policy, directory, scopes, http.RequestAborted);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, B2CErrorCodes.GrantTypeNotSupportedDescription(request.GrantType));
        }

        var authenticated = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (authenticated.Principal is not { } grant)
        {
            return Refuse(Errors.InvalidGrant, B2CErrorCodes.GrantRevokedDescription);
        }

        var flow = policy.Flow;
        var grantPolicy = grant.GetClaim(TokenPrincipalFactory.PolicyClaim);
        if (!string.Equals(grantPolicy, flow.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(Errors.InvalidGrant, B2CErrorCodes.GrantIssuedForOtherEndpointDescription(grantPolicy, flow.Name));
        }

        var accountId = Guid.TryParse(grant.GetClaim(TokenPrincipalFactory.AccountClaim), out var id) ? id : Guid.Empty;
        var check = await standing.CheckAsync(accountId, grant.GetClaim(TokenPrincipalFactory.StampClaim), http.RequestAborted);
        var now = time.UtcNow();
        var sessionStart = ReadUnixSeconds(grant, TokenPrincipalFactory.SessionStartClaim) ?? now;
        var refusal = check switch
        {
            AccountCheck.Refused refused => refused.Error,
            _ when flow.RefreshTokenSlidingWindow == RefreshTokenSlidingWindow.Bounded && now > sessionStart + TimeSpan.FromDays(flow.RefreshTokenSlidingWindowDays) => B2CError.GrantExpired,
            _ => null,
        };

        if (check is not AccountCheck.Valid(var account) || refusal is not null)
        {
            await audit.RecordAsync(AuditEventTypes.RefreshTokenRefused, check is AccountCheck.Valid valid ? valid.Account.Id : null, flow.Name, request.ClientId, refusal?.Code, http.RequestAborted);
            return Refuse(Errors.InvalidGrant, refusal!.Description);
        }

        // A code redeemed for a SPA reply URL makes a SPA session, and its refresh tokens carry that to every refresh.
        var spa = grant.HasClaim(TokenPrincipalFactory.SpaClaim, "1")
            || (request.IsAuthorizationCodeGrantType() && request.RedirectUri is { } redirectUri
                && await directory.PlatformOfAsync(request.ClientId!, redirectUri, http.RequestAborted) == AppPlatform.Spa);

        // ValidateRequestedTokenScopes has checked that requested scopes were granted: they narrow the new tokens.
        var requested = request.GetScopes();
        var authTime = ReadUnixSeconds(grant, Claims.AuthenticationTime) ?? sessionStart;
        var principal = await principals.CreateAsync(account, flow, policy.Tenant.Id, authTime, sessionStart, requested.Length > 0 ? requested : grant.GetScopes(), request.ClientId!, http.RequestAborted);
        var refreshLifetime = TokenPrincipalFactory.CapRefreshToken(principal, flow, sessionStart, now, spa);
        var properties = new AuthenticationProperties();
        if (spa)
        {
            // As Azure AD does for SPAs, so MSAL.js knows its session ends then rather than at the flow's lifetime.
            properties.Parameters[RefreshTokenExpiresIn] = (long)refreshLifetime.TotalSeconds;
        }

        return Results.SignIn(principal, properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private const string RefreshTokenExpiresIn = "refresh_token_expires_in";

    /// <summary>
    /// App-only tokens for a daemon. <c>{App ID URI}/.default</c> stands for every scope the client's permissions grant on
    /// that API (B2C's pattern); the token's audience is the API, or the client itself when it asked for its own id.
    /// </summary>
    private static async Task<IResult> ClientCredentialsAsync(OpenIddictRequest request, PolicyRequest policy, ApplicationDirectory directory, IOpenIddictScopeManager scopes, CancellationToken cancellationToken)
    {
        var application = await directory.FindAsync(request.ClientId, cancellationToken);
        if (application is null)
        {
            return Refuse(Errors.InvalidClient, B2CErrorCodes.ClientSecretMismatchDescription);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, application.ClientId).SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim("ver", "1.0").SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim("tid", policy.Tenant.Id.ToString("D")).SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim(policy.Flow.PolicyClaimType, policy.Flow.Name).SetDestinations(Destinations.AccessToken));
        identity.AddClaim(new Claim(TokenPrincipalFactory.PolicyClaim, policy.Flow.Name));

        var principal = new ClaimsPrincipal(identity);
        var granted = await ExpandDefaultScopesAsync(request.GetScopes(), application, directory, cancellationToken);
        principal.SetScopes(granted);
        var resources = await scopes.ListResourcesAsync(granted, cancellationToken).ToListAsync(cancellationToken);
        principal.SetResources(resources.Count > 0 ? resources : [application.ClientId]);
        principal.SetAccessTokenLifetime(TimeSpan.FromMinutes(policy.Flow.AccessAndIdTokenLifetimeMinutes));
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The requested scopes with each <c>/.default</c> followed by the API scopes the client holds a permission on.</summary>
    private static async Task<ImmutableArray<string>> ExpandDefaultScopesAsync(ImmutableArray<string> requested, Application client, ApplicationDirectory directory, CancellationToken cancellationToken)
    {
        var scopes = new List<string>(requested);
        foreach (var scope in requested)
        {
            if (!ApiScopeValue.TryParse(scope, out var appIdUri, out var name) || name != ApiScopeValue.Default)
            {
                continue;
            }

            foreach (var permission in client.ApiPermissions)
            {
                if (await directory.FindAsync(permission.ResourceClientId, cancellationToken) is { AppIdUri: { } uri } resource
                    && string.Equals(uri, appIdUri, StringComparison.OrdinalIgnoreCase)
                    && resource.ApiScopes.Any(s => s.Name == permission.Scope))
                {
                    scopes.Add(ApiScopeValue.Format(uri, permission.Scope));
                }
            }
        }

        return [.. scopes.Distinct(StringComparer.Ordinal)];
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
