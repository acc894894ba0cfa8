using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.RunNow;

/// <summary>
/// What the server knows of a refresh token. Refresh tokens are encrypted for the server alone (apps must treat them as
/// opaque), so the viewer does not decode them; it asks OpenIddict to validate the token as the token endpoint would,
/// then reads the token's entry from OpenIddict's token store: status, creation and expiry.
/// </summary>
public sealed class RefreshTokenInspector(IOpenIddictServerFactory factory, IOpenIddictServerDispatcher dispatcher, IOpenIddictTokenManager tokens)
{
    public async Task<RefreshTokenFacts?> InspectAsync(string refreshToken, Uri issuer, CancellationToken cancellationToken)
    {
        var transaction = await factory.CreateTransactionAsync();
        transaction.BaseUri = issuer;
        transaction.CancellationToken = cancellationToken;
        var context = new ValidateTokenContext(transaction)
        {
            Token = refreshToken,
            ValidTokenTypes = { TokenTypeIdentifiers.RefreshToken },
            DisableAudienceValidation = true,
            DisablePresenterValidation = true,
        };
        await dispatcher.DispatchAsync(context);
        if (context.IsRejected || context.Principal is not { } principal || principal.GetTokenId() is not { } id
            || await tokens.FindByIdAsync(id, cancellationToken) is not { } entry)
        {
            return null;
        }

        return new RefreshTokenFacts(
            await tokens.GetStatusAsync(entry, cancellationToken),
            await tokens.GetCreationDateAsync(entry, cancellationToken),
            await tokens.GetExpirationDateAsync(entry, cancellationToken));
    }
}

/// <summary>A refresh token's entry in the token store.</summary>
public sealed record RefreshTokenFacts(string? Status, DateTimeOffset? CreatedAt, DateTimeOffset? ExpiresAt);
