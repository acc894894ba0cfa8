using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>B2C's ID and access tokens carry <c>nbf</c> (equal to <c>iat</c>); OpenIddict omits it, and some B2C-era libraries expect it.</summary>
internal sealed class AttachNotBefore : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<AttachNotBefore>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachTokenMetadata.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenType is TokenTypeIdentifiers.IdentityToken or TokenTypeIdentifiers.AccessToken)
        {
            context.SecurityTokenDescriptor.NotBefore = context.SecurityTokenDescriptor.IssuedAt;
        }

        return ValueTask.CompletedTask;
    }
}
