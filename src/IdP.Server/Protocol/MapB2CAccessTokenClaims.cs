using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Lets OpenIddict validation (our own APIs) read the B2C-shaped access tokens <see cref="ShapeTokensAsB2C"/> makes:
/// header <c>typ</c> <c>JWT</c>, scopes in <c>scp</c>, and the token entry's id in <c>jti</c>. A token without a
/// <c>jti</c> is refused rather than accepted unchecked, so token-entry and authorization-entry validation (revocation)
/// always run: an ID token, which has the same header but no <c>jti</c>, is never taken for an access token.
/// </summary>
internal sealed class MapB2CAccessTokenClaims :
    IOpenIddictValidationHandler<ValidateTokenContext>
{
    private const string JwtType = "JWT";

    /// <summary>Accepts the <c>JWT</c> header next to <c>at+jwt</c>.</summary>
    public static OpenIddictValidationHandlerDescriptor TypeDescriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<AcceptJwtType>()
        .SetOrder(OpenIddictValidationHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    /// <summary>Maps <c>jti</c> and <c>scp</c> before the token entry is looked up.</summary>
    public static OpenIddictValidationHandlerDescriptor ClaimsDescriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<MapB2CAccessTokenClaims>()
        .SetOrder(OpenIddictValidationHandlers.Protection.MapInternalClaims.Descriptor.Order + 1)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is not { } principal || principal.GetTokenType() != JwtType)
        {
            return ValueTask.CompletedTask;
        }

        if (principal.GetClaim(Claims.JwtId) is not { Length: > 0 } tokenId)
        {
            context.Reject(Errors.InvalidToken, "The token is not an access token.");
            return ValueTask.CompletedTask;
        }

        principal.SetTokenId(tokenId).SetTokenType(TokenTypeIdentifiers.AccessToken);
        if (!principal.HasClaim(Claims.Private.Scope) && principal.GetClaim("scp") is { Length: > 0 } scopes)
        {
            principal.SetScopes(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adds <c>JWT</c> to the header types an access token may have.</summary>
    internal sealed class AcceptJwtType : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.TokenValidationParameters?.ValidTypes is { } types && types.Contains("at+jwt", StringComparer.Ordinal))
            {
                context.TokenValidationParameters.ValidTypes = [.. types, JwtType];
            }

            return ValueTask.CompletedTask;
        }
    }
}
