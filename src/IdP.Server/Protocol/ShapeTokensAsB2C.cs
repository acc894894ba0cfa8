using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// ID and access tokens as B2C issues them, which APIs built on Microsoft.Identity.Web validate: access tokens with
/// header <c>typ</c> <c>JWT</c>, <c>scp</c> (the granted API scope names, space-separated) and <c>azp</c> (the client)
/// instead of OpenIddict's <c>scope</c> and <c>client_id</c>; and no OpenIddict-private <c>oi_*</c> claim in either.
/// An access token's <c>jti</c> is its token entry's id, so our own APIs still find the entry (and its revocation)
/// through OpenIddict validation (<see cref="MapB2CAccessTokenClaims"/>). An ID token keeps no link to its entry: an
/// <c>id_token_hint</c> is checked for signature, issuer and audience only, so a user whose grants were revoked can
/// still sign out.
/// </summary>
internal sealed class ShapeTokensAsB2C : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<ShapeTokensAsB2C>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachTokenMetadata.Descriptor.Order + 2)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenType is not (TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.IdentityToken) || context.SecurityTokenDescriptor.Subject is not { } subject)
        {
            return ValueTask.CompletedTask;
        }

        var tokenId = subject.FindFirst(Claims.Private.TokenId)?.Value;
        var presenter = subject.FindFirst(Claims.Private.Presenter)?.Value ?? subject.FindFirst(Claims.ClientId)?.Value;
        foreach (var claim in subject.Claims.Where(c => c.Type.StartsWith("oi_", StringComparison.Ordinal) || c.Type == Claims.ClientId).ToList())
        {
            subject.RemoveClaim(claim);
        }

        if (context.TokenType != TokenTypeIdentifiers.AccessToken)
        {
            return ValueTask.CompletedTask;
        }

        var claims = context.SecurityTokenDescriptor.Claims ?? new Dictionary<string, object>(StringComparer.Ordinal);
        claims.Remove(Claims.Scope);
        claims.Remove(Claims.ClientId);
        var apiScopes = context.Principal.GetScopes()
            .Select(scope => scope == ServerApi.AdminScope ? scope
                : ApiScopeValue.TryParse(scope, out _, out var name) && name != ApiScopeValue.Default ? name
                : null)
            .OfType<string>()
            .ToList();
        if (apiScopes.Count > 0)
        {
            claims["scp"] = string.Join(' ', apiScopes);
        }

        if (presenter is not null)
        {
            claims[Claims.AuthorizedParty] = presenter;
        }

        if (tokenId is not null)
        {
            claims[Claims.JwtId] = tokenId;
        }

        context.SecurityTokenDescriptor.Claims = claims;
        context.SecurityTokenDescriptor.TokenType = "JWT";
        return ValueTask.CompletedTask;
    }
}
