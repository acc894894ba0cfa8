using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Every response with an access token names its scopes, as B2C's do. OpenIddict leaves <c>scope</c> out when it
/// equals the request's; MSAL then falls back to what it asked for, but a client reading the response alone (or a
/// cache keyed on it) would not know what the token allows.
/// </summary>
internal sealed class AlwaysNameGrantedScopes : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<AlwaysNameGrantedScopes>()
        .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrEmpty(context.Response.AccessToken) && string.IsNullOrEmpty(context.Response.Scope)
            && context.AccessTokenPrincipal?.GetScopes() is { Length: > 0 } scopes)
        {
            context.Response.Scope = string.Join(' ', scopes);
        }

        return ValueTask.CompletedTask;
    }
}
