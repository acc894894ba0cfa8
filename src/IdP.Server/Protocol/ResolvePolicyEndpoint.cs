using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Maps B2C's per-policy paths onto OpenIddict. OpenIddict matches endpoints relative to a base URI and uses that
/// base as the issuer; we give it the flow's issuer as base and the request re-expressed under it, so
/// <c>/{tenant}/{policy}/oauth2/v2.0/authorize</c> becomes <c>{issuer}oauth2/v2.0/authorize</c>. Issuer, token
/// validation and discovery then agree without patching each of them. Requests that are not a known tenant and
/// policy get no base URI, so OpenIddict handles none of them (our endpoints answer with a 404 page).
/// </summary>
internal sealed class ResolvePolicyEndpoint(TenantService tenants, UserFlowService flows) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseScopedHandler<ResolvePolicyEndpoint>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("No HTTP request.");

        // Nothing outside the policy paths is an OpenIddict endpoint, not even /oauth2/v2.0/authorize at the root.
        context.BaseUri = null;
        if (!PolicyEndpointPaths.TryParse(http.Path.Value, out var path))
        {
            return;
        }

        if (!PolicyEndpointPaths.TryReadPolicy(path.PolicyInPath, http.Query, out var policy))
        {
            http.HttpContext.SetPolicyRequestProblem(PolicyRequestProblem.RepeatedPolicy);
            return;
        }

        // Both from this node's caches while the configuration stamp stands (TenantService, UserFlowService): the token
        // endpoint, the hot path of every app, reads neither row.
        var aborted = http.HttpContext.RequestAborted;
        var tenant = await tenants.ResolveAsync(path.TenantSegment, aborted);
        if (tenant is null)
        {
            http.HttpContext.SetPolicyRequestProblem(PolicyRequestProblem.UnknownTenant);
            return;
        }

        var flow = await flows.FindAsync(policy, aborted);
        if (flow is null)
        {
            http.HttpContext.SetPolicyRequestProblem(PolicyRequestProblem.UnknownPolicy);
            return;
        }

        var request = new PolicyRequest(tenant, flow, path.TenantSegment, path.Form, path.Endpoint, http.Origin());
        http.HttpContext.SetPolicyRequest(request);
        context.BaseUri = request.Issuer;
        context.RequestUri = new Uri(request.Issuer, PolicyEndpointPaths.Suffixes[path.Endpoint] + http.QueryString.Value);
    }
}
