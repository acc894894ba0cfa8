using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Refuses the implicit flow for applications that do not allow it with B2C's AADB2C90057 text, which apps and
/// developers recognise, before OpenIddict's own (generic) permission check would.
/// </summary>
internal sealed class RequireImplicitPermission(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<RequireImplicitPermission>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateGrantTypePermissions.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.IsImplicitFlow() && !context.Request.IsHybridFlow())
        {
            return;
        }

        var application = await applications.FindByClientIdAsync(context.ClientId!);
        if (application is null || !await applications.HasPermissionAsync(application, OpenIddictConstants.Permissions.GrantTypes.Implicit))
        {
            context.Reject(OpenIddictConstants.Errors.UnauthorizedClient, B2CErrorCodes.ImplicitFlowNotAllowedDescription);
        }
    }
}
