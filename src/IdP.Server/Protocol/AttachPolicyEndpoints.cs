using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Discovery advertises each flow's own public endpoints (path, query or tfp form, as requested), not the
/// issuer-relative addresses OpenIddict matched internally, and the claims the flow's tokens carry.
/// </summary>
internal sealed class AttachPolicyEndpoints : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<AttachPolicyEndpoints>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Transaction.GetHttpRequest()?.HttpContext.GetPolicyRequest();
        if (request is null)
        {
            return ValueTask.CompletedTask;
        }

        context.AuthorizationEndpoint = request.DiscoveredEndpointUri(PolicyEndpoint.Authorize);
        context.TokenEndpoint = request.DiscoveredEndpointUri(PolicyEndpoint.Token);
        context.EndSessionEndpoint = request.DiscoveredEndpointUri(PolicyEndpoint.Logout);
        context.JsonWebKeySetEndpoint = request.DiscoveredEndpointUri(PolicyEndpoint.Keys);
        context.Metadata["claims_supported"] = new OpenIddict.Abstractions.OpenIddictParameter([.. new[] { "sub", "iss", "aud", "exp", "nbf", "iat", "auth_time", "nonce", "ver", "tid", request.Flow.PolicyClaimType, "c_hash", "at_hash" }
            .Concat(request.Flow.ApplicationClaims).Distinct(StringComparer.Ordinal)]);
        return ValueTask.CompletedTask;
    }
}
