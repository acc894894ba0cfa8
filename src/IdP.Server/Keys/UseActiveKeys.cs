using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Keys;

/// <summary>
/// Protects each new token with the key that is active now. OpenIddict would take the first configured key, but a
/// published successor must not sign before its time, and options are only rebuilt when the ring changes.
/// </summary>
internal sealed class UseActiveKeys(KeyRing ring, TimeProvider time) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<UseActiveKeys>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.UtcNow();
        if (ring.Current.Active(KeyUse.Signing, now) is { } signing)
        {
            context.SigningCredentials = new SigningCredentials(signing.Key, SecurityAlgorithms.RsaSha256);
        }

        if (context.EncryptionCredentials is not null && ring.Current.Active(KeyUse.Encryption, now) is { Key: SymmetricSecurityKey key })
        {
            context.EncryptionCredentials = new EncryptingCredentials(key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);
        }

        return ValueTask.CompletedTask;
    }
}
