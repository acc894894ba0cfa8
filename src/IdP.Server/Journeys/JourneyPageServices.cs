namespace IdP.Server.Journeys;

/// <summary>What every journey page needs, in one parameter so pages do not repeat the base class's dependencies.</summary>
public sealed record JourneyPageServices(
    JourneyService Journeys,
    TenantService Tenants,
    UserFlowService Flows,
    JourneyLinks Links,
    IStringLocalizer<ErrorText> Errors);
