using IdP.Core.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace IdP.Server.Keys;

/// <summary>
/// Gives OpenIddict every published key (so JWKS lists a successor before it signs, and tokens signed by a retired key
/// still validate), and rebuilds OpenIddict's options whenever the key ring changes.
/// </summary>
internal sealed class ConfigureServerKeys(KeyRing ring, TimeProvider time) : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
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
}
