using Microsoft.Extensions.Primitives;

namespace IdP.Server.Keys;

/// <summary>
/// Gives OpenIddict every published key (so JWKS lists a successor before it signs, and tokens signed by a retired key
/// still validate), and rebuilds OpenIddict's options whenever the key ring changes: the server's, and the validation's
/// (our own APIs, such as the admin API). The validation would otherwise keep the keys the server had when it was first
/// built, and refuse every token signed by a successor once it starts signing.
/// </summary>
internal sealed class ConfigureServerKeys(KeyRing ring, TimeProvider time)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>,
      IConfigureOptions<OpenIddictValidationOptions>, IOptionsChangeTokenSource<OpenIddictValidationOptions>
{
    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ring.ChangeToken;

    public void Configure(OpenIddictServerOptions options)
    {
        var now = time.UtcNow();
        var keys = ring.Current;

        // OpenIddict signs with the first credential; ours come active-first, and UseActiveKeys picks per token anyway.
        var active = keys.Active(KeyUse.Signing, now);
        foreach (var key in keys.Keys.Where(k => k.Use == KeyUse.Signing).OrderByDescending(k => k == active))
        {
            options.SigningCredentials.Add(new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256));
        }

        var activeEncryption = keys.Active(KeyUse.Encryption, now);
        foreach (var key in keys.Keys.Where(k => k.Use == KeyUse.Encryption).OrderByDescending(k => k == activeEncryption))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials((SymmetricSecurityKey)key.Key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    /// <summary>
    /// Runs after the local-server integration, which copies the server options' keys as they were when read: the keys
    /// come from the ring instead, so a rebuild never depends on which options were rebuilt first.
    /// </summary>
    public void Configure(OpenIddictValidationOptions options)
    {
        var keys = ring.Current;
        if (options.Configuration is { } configuration)
        {
            configuration.SigningKeys.Clear();
            foreach (var key in keys.Keys.Where(k => k.Use == KeyUse.Signing))
            {
                configuration.SigningKeys.Add(key.Key);
            }
        }

        options.EncryptionCredentials.Clear();
        var activeEncryption = keys.Active(KeyUse.Encryption, time.UtcNow());
        foreach (var key in keys.Keys.Where(k => k.Use == KeyUse.Encryption).OrderByDescending(k => k == activeEncryption))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials((SymmetricSecurityKey)key.Key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
