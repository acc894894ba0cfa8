namespace IdP.Core.Tests.Journeys;

/// <summary>Journeys as the journey service stores them.</summary>
internal static class Journeys
{
    /// <summary>A pending journey started at <paramref name="startedAt"/> by the browser holding <paramref name="bindingSecret"/>.</summary>
    public static AuthorizationJourney Started(DateTimeOffset startedAt, SignInOptions options, string bindingSecret, string requestFingerprint) => new()
    {
        Id = "journey",
        BindingHash = JourneyService.HashBinding(bindingSecret),
        Policy = "B2C_1_signin",
        TenantSegment = "tenant",
        AuthorizeUrl = "/tenant/B2C_1_signin/oauth2/v2.0/authorize",
        RequestFingerprint = requestFingerprint,
        CreatedAt = startedAt,
        ExpiresAt = JourneyAccess.ExpiresAt(startedAt, options),
        Version = Guid.NewGuid(),
    };

    /// <summary>The journey after the user proved who they are (what the service's MarkAuthenticatedAsync records).</summary>
    public static AuthorizationJourney Authenticated(this AuthorizationJourney journey, Guid accountId, string securityStamp, DateTimeOffset at)
    {
        journey.Status = JourneyStatus.Authenticated;
        journey.AccountId = accountId;
        journey.SecurityStamp = securityStamp;
        journey.AuthenticatedAt = at;
        return journey;
    }
}
