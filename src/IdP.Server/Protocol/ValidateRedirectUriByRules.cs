using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Authentication;

namespace IdP.Server.Protocol;

/// <summary>
/// Stands in for OpenIddict's <see cref="ValidateClientRedirectUri"/>. Every application keeps OpenIddict's exact
/// match against its registered reply URLs (the built-in handler runs unchanged). The exceptions are the server's own
/// built-in clients (Run now's viewer, the admin portal), whose one reply URL is on the origin of this very authorize
/// request: their <see cref="IRedirectUriRule"/> decides, compared exactly.
/// </summary>
internal sealed class ValidateRedirectUriByRules(IOpenIddictApplicationManager applications, IEnumerable<IRedirectUriRule> rules)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireDegradedModeDisabled>()
        .UseScopedHandler<ValidateRedirectUriByRules>()
        .SetOrder(ValidateClientRedirectUri.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var owner = context.ClientId is { } clientId ? rules.FirstOrDefault(rule => rule.Owns(clientId)) : null;
        if (owner is null)
        {
            await new ValidateClientRedirectUri(applications).HandleAsync(context);
            return;
        }

        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (http is null || context.RedirectUri is null || !owner.Accepts(http, context.ClientId!, context.RedirectUri))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, B2CErrorCodes.RedirectUriNotRegisteredDescription(context.RedirectUri, context.ClientId));
        }
    }
}
