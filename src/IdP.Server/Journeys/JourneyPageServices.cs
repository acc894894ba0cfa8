using IdP.Core.Journeys;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Journeys;

/// <summary>What every journey page needs, in one parameter so pages do not repeat the base class's dependencies.</summary>
public sealed record JourneyPageServices(
    JourneyService Journeys,
    TenantService Tenants,
    UserFlowService Flows,
    JourneyLinks Links,
    IStringLocalizer<ErrorText> Errors);
