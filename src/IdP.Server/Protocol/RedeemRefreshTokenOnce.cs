using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Refresh token rotation that holds under concurrency. OpenIddict checks a refresh token's status when it reads it
/// and marks it redeemed after the new tokens are made, ignoring whether that mark succeeded, so requests presenting
/// the same token at once all pass. Here the token is claimed with one conditional update before anything is
/// issued: one request wins; every other is refused and revokes the family (<see cref="RefreshTokenFamily"/>).
/// </summary>
internal sealed class RedeemRefreshTokenOnce(RefreshTokenFamily family) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseScopedHandler<RedeemRefreshTokenOnce>()
        .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.EndpointType != OpenIddictServerEndpointType.Token || context.Request?.IsRefreshTokenGrantType() != true)
        {
            return;
        }

        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        if (authentication?.RefreshTokenPrincipal is not { } refreshToken || refreshToken.GetTokenId() is not { Length: > 0 } tokenId)
        {
            return;
        }

        if (await family.TryRedeemAsync(tokenId, context.CancellationToken))
        {
            return;
        }

        if (refreshToken.GetAuthorizationId() is { Length: > 0 } authorizationId)
        {
            await family.RevokeAsync(authorizationId, context.CancellationToken);
        }

        context.Reject(Errors.InvalidGrant, B2CErrorCodes.GrantRevokedDescription);
    }
}

/// <summary>
/// OpenIddict's step that marks the presented code or token redeemed, except for a refresh token at the token endpoint:
/// <see cref="RedeemRefreshTokenOnce"/> has already claimed that one with its conditional update (and OpenIddict ignores
/// whether its own update of the same row succeeds), so a second UPDATE of the row would only cost a round trip
/// (issue 16). Codes and everything else are redeemed by OpenIddict's own handler, unchanged.
/// </summary>
internal sealed class RedeemTokenEntryExceptRefresh(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ProcessSignInContext>
{
    private readonly OpenIddictServerHandlers.RedeemTokenEntry _openIddict = new(tokens);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireDegradedModeDisabled>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
        .UseScopedHandler<RedeemTokenEntryExceptRefresh>()
        .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.EndpointType == OpenIddictServerEndpointType.Token && context.Request?.IsRefreshTokenGrantType() == true
            ? ValueTask.CompletedTask
            : _openIddict.HandleAsync(context);
    }
}

/// <summary>
/// A refresh token presented after it was redeemed revokes its family's authorization as well as its tokens (OpenIddict
/// revokes only the tokens), so a token issued to the first redeemer a moment later cannot be used either. The status
/// is read from the token entry OpenIddict loaded for this request (its token cache), not queried again.
/// </summary>
internal sealed class RevokeFamilyOnReuse(RefreshTokenFamily family, IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseScopedHandler<RevokeFamilyOnReuse>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } principal && principal.HasTokenType(TokenTypeIdentifiers.RefreshToken)
            && context.TokenId is { Length: > 0 } tokenId && context.AuthorizationId is { Length: > 0 } authorizationId
            && await tokens.FindByIdAsync(tokenId, context.CancellationToken) is { } entry
            && await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken))
        {
            await family.RevokeAsync(authorizationId, context.CancellationToken);
        }
    }
}
