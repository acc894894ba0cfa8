using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Lets our own APIs (the admin API) accept the issuers the server really puts in tokens. Local validation expects the
/// request's base address as issuer, but every token names its flow's issuer (<see cref="FlowIssuerForm.IssuerAt"/>): the
/// tenant form <c>{origin}/{tenantId}/v2.0/</c>, or the tfp form of a flow that asks for it. Those, on the address the
/// API is called at, are the valid issuers; nothing else is.
/// </summary>
internal sealed class AcceptTenantIssuers(TenantService tenants, UserFlowService flows) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseScopedHandler<AcceptTenantIssuers>()
        .SetOrder(OpenIddictValidationHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 2)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenValidationParameters is not { } parameters
            || context.Transaction.GetHttpRequest() is not { } request
            || await tenants.GetAsync(request.HttpContext.RequestAborted) is not { } tenant)
        {
            return;
        }

        parameters.ValidIssuer = null;
        parameters.ValidIssuers = await flows.IssuersAtAsync(request.Origin(), tenant.Id, request.HttpContext.RequestAborted);
    }
}
