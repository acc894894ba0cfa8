using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Opens the request's <see cref="TokenEntryBatch"/> before OpenIddict makes any token of a sign-in response (OpenIddict's
/// code redemption and our refresh-token redemption write on their own, before it), and saves it after the last token,
/// before the response is applied. When the save fails, no token is sent: a database that cannot be reached propagates
/// (the outage behaviour: 503 with Retry-After, in OAuth's words at the token endpoint, see <see cref="TokenEndpointFailure"/>);
/// a refused row becomes OAuth's <c>temporarily_unavailable</c> (at the token endpoint with 503 and Retry-After, at the
/// authorize endpoint in the redirect to the app), never a 500.
/// </summary>
internal sealed class FlushTokenEntryBatch(TokenEntryBatch batch, ILogger<FlushTokenEntryBatch> logger) : IOpenIddictServerHandler<ProcessSignInContext>
{
    /// <summary>Before OpenIddict's first token (the access token is generated first; the redemptions run earlier).</summary>
    public static OpenIddictServerHandlerDescriptor OpenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseScopedHandler<OpenTokenEntryBatch>()
        .SetOrder(OpenIddictServerHandlers.GenerateAccessToken.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>After every token and response parameter, before the first handler that writes a response.</summary>
    public static OpenIddictServerHandlerDescriptor FlushDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseScopedHandler<FlushTokenEntryBatch>()
        .SetOrder(Math.Min(
            OpenIddictServerHandlers.Exchange.ApplyTokenResponse<ProcessSignInContext>.Descriptor.Order,
            OpenIddictServerHandlers.Authentication.ApplyAuthorizationResponse<ProcessSignInContext>.Descriptor.Order) - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await batch.FlushAsync(context.CancellationToken);
        }
        catch (DbUpdateException exception) when (!ExceptionPage.DatabaseUnavailable(exception))
        {
            Log.TokenEntriesNotSaved(logger, exception, context.EndpointType);
            context.Reject(Errors.TemporarilyUnavailable, TokenEndpointFailure.UnavailableDescription);
        }
    }
}

/// <summary>Opens the batch; see <see cref="FlushTokenEntryBatch"/>.</summary>
internal sealed class OpenTokenEntryBatch(TokenEntryBatch batch) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        batch.Open();
        return ValueTask.CompletedTask;
    }
}
