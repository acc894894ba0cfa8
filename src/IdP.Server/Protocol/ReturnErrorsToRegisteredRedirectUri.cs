using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict never redirects an error found while validating an authorization request, because at that point it
/// has not vouched for the redirect URI. B2C (and RFC 6749 §4.1.2.1) send such errors to the app whenever the client
/// is known and the redirect URI is registered for it: a missing nonce, a missing PKCE challenge or AADB2C90057 must
/// reach the app, which parses them. Unknown clients and unregistered URIs still get our error page (AADB2C90006).
/// </summary>
internal sealed class ReturnErrorsToRegisteredRedirectUri(RedirectUriTrust trust) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
        .UseScopedHandler<ReturnErrorsToRegisteredRedirectUri>()
        .SetOrder(OpenIddictServerHandlers.Authentication.AttachRedirectUri.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrEmpty(context.RedirectUri) || string.IsNullOrEmpty(context.Error)
            || context.Request is not { ClientId: { Length: > 0 } clientId, RedirectUri: { Length: > 0 } redirectUri })
        {
            return;
        }

        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (http is not null && await trust.IsTrustedAsync(http, clientId, redirectUri, context.CancellationToken))
        {
            context.RedirectUri = redirectUri;
        }
    }
}
