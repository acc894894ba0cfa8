namespace IdP.Server.Protocol;

internal static class PolicyEndpointRoutes
{
    /// <summary>
    /// Maps B2C's endpoint paths (path, query and tfp forms). Discovery and JWKS are answered by OpenIddict itself; their
    /// routes only see requests for unknown tenants or flows.
    /// </summary>
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/{tenant}/{policy}/", "/{tenant}/", $"/{PolicyEndpointPaths.TfpSegment}/{{tenant}}/{{policy}}/" })
        {
            var suffixes = PolicyEndpointPaths.Suffixes;
            app.MapMethods(prefix + suffixes[PolicyEndpoint.Authorize], ["GET", "POST"], AuthorizeEndpoint.HandleAsync).DisableAntiforgery();
            app.MapPost(prefix + suffixes[PolicyEndpoint.Token], TokenEndpoint.HandleAsync).DisableAntiforgery();
            app.MapMethods(prefix + suffixes[PolicyEndpoint.Logout], ["GET", "POST"], LogoutEndpoint.HandleAsync).DisableAntiforgery();
            // HEAD as GET without the body: ProtocolDocumentCache runs the GET answer for it.
            app.MapMethods(prefix + suffixes[PolicyEndpoint.Configuration], [HttpMethods.Get, HttpMethods.Head], PolicyEndpointFallback.Unresolved);
            app.MapMethods(prefix + suffixes[PolicyEndpoint.Keys], [HttpMethods.Get, HttpMethods.Head], PolicyEndpointFallback.Unresolved);
        }

        return app;
    }
}
