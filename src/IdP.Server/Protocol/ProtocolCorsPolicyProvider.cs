using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace IdP.Server.Protocol;

/// <summary>
/// Who may call the protocol endpoints from a browser script, as B2C allows: discovery and JWKS from any origin (they
/// are public documents); the token and logout endpoints only from the origins of the client's SPA reply URLs; nothing
/// else (pages, authorize, Run now) from any origin. A preflight carries no body, so it is answered for an origin that
/// is a SPA origin of some application, and the request that follows is checked against its own client id.
/// </summary>
internal sealed class ProtocolCorsPolicyProvider(ApplicationDirectory applications) : ICorsPolicyProvider
{
    private static readonly TimeSpan PreflightCache = TimeSpan.FromMinutes(10);

    private static readonly CorsPolicy AnyOrigin = new CorsPolicyBuilder().AllowAnyOrigin().WithMethods(HttpMethods.Get).AllowAnyHeader().SetPreflightMaxAge(TimeSpan.FromDays(1)).Build();

    /// <summary>Allows no origin: a preflight gets a bare 204, a request gets no CORS headers.</summary>
    private static readonly CorsPolicy NoOrigin = new CorsPolicyBuilder().Build();

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!PolicyEndpointPaths.TryParse(context.Request.Path.Value, out var path))
        {
            return null;
        }

        if (path.Endpoint is PolicyEndpoint.Configuration or PolicyEndpoint.Keys)
        {
            return AnyOrigin;
        }

        if (path.Endpoint is not (PolicyEndpoint.Token or PolicyEndpoint.Logout) || context.Request.Headers.Origin.ToString() is not { Length: > 0 } origin)
        {
            return null;
        }

        var preflight = HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
        var clientId = preflight ? null : await ClientIdAsync(context.Request);
        if (!preflight && clientId is null)
        {
            return NoOrigin;
        }

        // The answer depends on the origin (and client), so responses say Vary: Origin: a function, not a fixed list.
        return await applications.IsSpaOriginAsync(origin, clientId, context.RequestAborted)
            ? new CorsPolicyBuilder().SetIsOriginAllowed(candidate => string.Equals(candidate, origin, StringComparison.OrdinalIgnoreCase))
                .WithMethods(HttpMethods.Get, HttpMethods.Post).AllowAnyHeader().SetPreflightMaxAge(PreflightCache).Build()
            : NoOrigin;
    }

    private static async Task<string?> ClientIdAsync(HttpRequest request)
    {
        if (request.Query[Parameters.ClientId] is [{ Length: > 0 } fromQuery])
        {
            return fromQuery;
        }

        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            // Read once here; the form is kept on the request for OpenIddict.
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            if (form[Parameters.ClientId] is [{ Length: > 0 } fromForm])
            {
                return fromForm;
            }
        }

        return null;
    }
}

internal static class ProtocolCorsServiceCollectionExtensions
{
    public static IServiceCollection AddProtocolCors(this IServiceCollection services)
    {
        services.AddCors();
        services.Replace(ServiceDescriptor.Scoped<ICorsPolicyProvider, ProtocolCorsPolicyProvider>());
        return services;
    }
}
