using IdP.Core.Tenancy;
using IdP.Core.UserFlows;

namespace IdP.Server.Protocol;

/// <summary>
/// A request to one of a user flow's endpoints, once tenant and policy are resolved. Stored on the HttpContext so the
/// OpenIddict handlers and our endpoints agree on the flow, the issuer and the public URLs.
/// </summary>
public sealed record PolicyRequest(Tenant Tenant, UserFlow Flow, string TenantSegment, bool PolicyInQuery, PolicyEndpoint Endpoint, string Origin)
{
    /// <summary>The issuer of this flow's tokens, with its trailing slash (B2C's two forms).</summary>
    public Uri Issuer => new(Flow.IssuerFormat == IssuerFormat.PolicyIssuer
        ? $"{Origin}/tfp/{Tenant.Id:D}/{Flow.Name.ToLowerInvariant()}/v2.0/"
        : $"{Origin}/{Tenant.Id:D}/v2.0/");

    /// <summary>The public URL of one of this flow's endpoints, in the form (path or query) the app used.</summary>
    public Uri EndpointUri(PolicyEndpoint endpoint) => PublicEndpoint(Origin, TenantSegment, Flow.Name, endpoint, PolicyInQuery);

    /// <summary>The public URL of a flow endpoint.</summary>
    public static Uri PublicEndpoint(string origin, string tenantSegment, string policy, PolicyEndpoint endpoint, bool policyInQuery = false)
    {
        var suffix = PolicyEndpointPaths.Suffixes[endpoint];
        var tenant = Uri.EscapeDataString(tenantSegment);
        return new Uri(policyInQuery
            ? $"{origin}/{tenant}/{suffix}?p={Uri.EscapeDataString(policy)}"
            : $"{origin}/{tenant}/{Uri.EscapeDataString(policy)}/{suffix}");
    }
}

/// <summary>Why a request to a policy endpoint path was not resolved.</summary>
public enum PolicyRequestProblem
{
    UnknownTenant,
    UnknownPolicy,
}

/// <summary>Access to the resolved policy request on the HttpContext.</summary>
public static class PolicyRequestHttpContextExtensions
{
    private const string Key = "IdP.PolicyRequest";
    private const string ProblemKey = "IdP.PolicyRequestProblem";

    public static PolicyRequest? GetPolicyRequest(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as PolicyRequest : null;

    public static void SetPolicyRequest(this HttpContext context, PolicyRequest request) => context.Items[Key] = request;

    public static PolicyRequestProblem? GetPolicyRequestProblem(this HttpContext context) =>
        context.Items.TryGetValue(ProblemKey, out var value) ? value as PolicyRequestProblem? : null;

    public static void SetPolicyRequestProblem(this HttpContext context, PolicyRequestProblem problem) => context.Items[ProblemKey] = problem;

    /// <summary><c>scheme://host/pathbase</c> of the request, without a trailing slash.</summary>
    public static string Origin(this HttpRequest request) => $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
}
