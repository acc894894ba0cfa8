using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// B2C requires a nonce on every OpenID request, not only where the spec does (implicit and hybrid): an id_token from
/// the code flow is then replay-protected too.
/// </summary>
internal sealed class RequireNonce : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<RequireNonce>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateNonceParameter.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.HasScope(OpenIddictConstants.Scopes.OpenId) && string.IsNullOrEmpty(context.Request.Nonce))
        {
            context.Reject(
                error: OpenIddictConstants.Errors.InvalidRequest,
                description: "The 'nonce' parameter is required: send a new random nonce with every request that returns an ID token.");
        }

        return ValueTask.CompletedTask;
    }
}
