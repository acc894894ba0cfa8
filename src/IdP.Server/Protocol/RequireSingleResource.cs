using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// An access token is for one API, as in B2C: scopes of two APIs (or of an API and the app itself) in one request are
/// refused with AADB2C90146 instead of producing a token every one of them would accept.
/// </summary>
internal sealed class RequireSingleResource(IOpenIddictScopeManager scopes) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<RequireSingleResource>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateScopes.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<RequireSingleResource>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopes.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await SpansResourcesAsync(context.Request.GetScopes(), context.CancellationToken))
        {
            context.Reject(Errors.InvalidScope, B2CErrorCodes.MoreThanOneResourceDescription(context.Request.Scope));
        }
    }

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.IsClientCredentialsGrantType() && await SpansResourcesAsync(context.Request.GetScopes(), context.CancellationToken))
        {
            context.Reject(Errors.InvalidScope, B2CErrorCodes.MoreThanOneResourceDescription(context.Request.Scope));
        }
    }

    private async Task<bool> SpansResourcesAsync(ImmutableArray<string> requested, CancellationToken cancellationToken)
    {
        var resources = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var resource in scopes.ListResourcesAsync(requested, cancellationToken))
        {
            resources.Add(resource);
        }

        return resources.Count > 1;
    }
}
