namespace IdP.Server.Protocol;

/// <summary>
/// A request to one of a user flow's endpoints, once tenant and policy are resolved. Stored on the HttpContext so the
/// OpenIddict handlers and our endpoints agree on the flow, the issuer and the public URLs.
/// </summary>
public sealed record PolicyRequest(Tenant Tenant, UserFlow Flow, string TenantSegment, EndpointForm Form, PolicyEndpoint Endpoint, string Origin)
{
    /// <summary>The issuer of this flow's tokens, with its trailing slash (B2C's two forms).</summary>
    public Uri Issuer => Flow.IssuerAt(Origin, Tenant.Id);

    /// <summary>The public URL of one of this flow's endpoints, in the form (path, query or tfp) the app used.</summary>
    public Uri EndpointUri(PolicyEndpoint endpoint) => PublicEndpoint(Origin, TenantSegment, Flow.Name, endpoint, Form);

    /// <summary>
    /// The URL discovery advertises for an endpoint: the request's form with tenant and policy in lower case, as B2C
    /// does. MSAL lowercases authorities and caches one discovery document per host, reusing it for an app's other
    /// flows by replacing the policy segment; that only works when the advertised URLs carry the segment in lower case.
    /// </summary>
    public Uri DiscoveredEndpointUri(PolicyEndpoint endpoint) =>
        PublicEndpoint(Origin, TenantSegment.ToLowerInvariant(), Flow.Name.ToLowerInvariant(), endpoint, Form);

    /// <summary>The public URL of a flow endpoint.</summary>
    public static Uri PublicEndpoint(string origin, string tenantSegment, string policy, PolicyEndpoint endpoint, EndpointForm form = EndpointForm.Path)
    {
        var suffix = PolicyEndpointPaths.Suffixes[endpoint];
        var tenant = Uri.EscapeDataString(tenantSegment);
        var flow = Uri.EscapeDataString(policy);
        return new Uri(form switch
        {
            EndpointForm.Query => $"{origin}/{tenant}/{suffix}?p={flow}",
            EndpointForm.Tfp => $"{origin}/{PolicyEndpointPaths.TfpSegment}/{tenant}/{flow}/{suffix}",
            _ => $"{origin}/{tenant}/{flow}/{suffix}",
        });
    }
}

/// <summary>Why a request to a policy endpoint path was not resolved.</summary>
public enum PolicyRequestProblem
{
    UnknownTenant,
    UnknownPolicy,

    /// <summary>The query form's <c>p</c> is given more than once.</summary>
    RepeatedPolicy,
}

/// <summary>Access to the resolved policy request on the HttpContext.</summary>
public static class PolicyRequestHttpContextExtensions
{
    private const string Key = "IdP.PolicyRequest";
    private const string ProblemKey = "IdP.PolicyRequestProblem";

    public static PolicyRequest? GetPolicyRequest(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as PolicyRequest : null;

    /// <summary>
    /// The flow and OpenIddict's request at an endpoint OpenIddict passes requests through to (authorize, token, logout);
    /// null without either, which <see cref="PolicyEndpointFallback.NoRequest"/> answers.
    /// </summary>
    public static (PolicyRequest Policy, OpenIddictRequest Request)? GetPolicyEndpointRequest(this HttpContext context) =>
        context.GetPolicyRequest() is { } policy && context.GetOpenIddictServerRequest() is { } request ? (policy, request) : null;

    public static void SetPolicyRequest(this HttpContext context, PolicyRequest request) => context.Items[Key] = request;

    public static PolicyRequestProblem? GetPolicyRequestProblem(this HttpContext context) =>
        context.Items.TryGetValue(ProblemKey, out var value) ? value as PolicyRequestProblem? : null;

    public static void SetPolicyRequestProblem(this HttpContext context, PolicyRequestProblem problem) => context.Items[ProblemKey] = problem;

    /// <summary><c>scheme://host/pathbase</c> of the request, without a trailing slash.</summary>
    public static string Origin(this HttpRequest request) => $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
}
