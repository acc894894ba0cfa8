using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict gives an expired code or refresh token the same error as a revoked one; B2C tells them apart
/// (AADB2C90080 vs AADB2C90129). This notes an expired grant for <see cref="DescribeErrorsAsB2C"/>.
/// </summary>
internal sealed class MarkExpiredGrant(TimeProvider time) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<MarkExpiredGrant>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateExpirationDate.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.DisableLifetimeValidation && context.Principal?.GetExpirationDate() is { } expires && expires < time.UtcNow())
        {
            context.Transaction.Properties[B2CErrorTranslation.GrantExpiredProperty] = true;
        }

        return ValueTask.CompletedTask;
    }
}
