using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// B2C accepts <c>scope</c> when a code is redeemed and on every refresh, and MSAL always sends it (B2C's own docs
/// show <c>scope={app id} offline_access</c> on the code redemption). OpenIddict refuses it on the code grant
/// (ID2074) and answers a wider refresh scope with <c>invalid_grant</c>; this replaces both rules: the requested scopes
/// must be among those granted (they then narrow the new tokens), anything else is <c>invalid_scope</c>.
/// </summary>
internal sealed class ValidateRequestedTokenScopes : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseSingletonHandler<ValidateRequestedTokenScopes>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantedScopes.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>The OpenIddict rules this handler replaces.</summary>
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Replaces { get; } =
    [
        OpenIddictServerHandlers.Exchange.ValidateScopeParameter.Descriptor,
        OpenIddictServerHandlers.Exchange.ValidateGrantedScopes.Descriptor,
    ];

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Request.Scope))
        {
            return ValueTask.CompletedTask;
        }

        var grant = context.Request.IsAuthorizationCodeGrantType() ? context.AuthorizationCodePrincipal
            : context.Request.IsRefreshTokenGrantType() ? context.RefreshTokenPrincipal
            : null;
        if (grant is null)
        {
            return ValueTask.CompletedTask;
        }

        var granted = grant.GetScopes().ToHashSet(StringComparer.Ordinal);
        var extra = context.Request.GetScopes().Where(scope => !granted.Contains(scope)).ToList();
        if (extra.Count > 0)
        {
            context.Reject(Errors.InvalidScope, B2CErrorCodes.TokenScopeNotSupportedDescription(string.Join(" ", extra)));
        }

        return ValueTask.CompletedTask;
    }
}
