using System.Runtime.CompilerServices;
using OpenIddict.Core;

namespace IdP.Server.Applications;

/// <summary>
/// OpenIddict's application manager with our registrations as the authority on two questions: client secrets
/// (several per application, with expiry, hashed in our table rather than OpenIddict's single secret) and reply URLs
/// (matched per platform: exact, with any port for loopback addresses on the public client platform).
/// </summary>
public sealed class IdPApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    ApplicationDirectory directory)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    private static readonly string SecretRequiredMessage = OpenIddictResources.GetResourceString("ID2113");

    public override async ValueTask<bool> ValidateClientSecretAsync(TApplication application, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (string.IsNullOrEmpty(secret) || await HasClientTypeAsync(application, ClientTypes.Public, cancellationToken))
        {
            return false;
        }

        return await GetClientIdAsync(application, cancellationToken) is { } clientId
            && await directory.VerifySecretAsync(clientId, secret, cancellationToken);
    }

    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        return await GetClientIdAsync(application, cancellationToken) is { } clientId
            && !string.IsNullOrEmpty(uri)
            && await directory.PlatformOfAsync(clientId, uri, cancellationToken) is not null;
    }

    public override async IAsyncEnumerable<ValidationResult> ValidateAsync(TApplication application, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var result in base.ValidateAsync(application, cancellationToken))
        {
            // A confidential application's secrets are in our table, so OpenIddict's own secret column stays empty.
            if (!string.Equals(result.ErrorMessage, SecretRequiredMessage, StringComparison.Ordinal))
            {
                yield return result;
            }
        }
    }
}
