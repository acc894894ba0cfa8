using Microsoft.Extensions.Caching.Memory;
using OpenIddict.EntityFrameworkCore;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict's token store, except that while the request's <see cref="TokenEntryBatch"/> is open a new entry is only
/// added to the context (its id is a client-generated GUID, known at once) and saved with the batch. Everything else,
/// and every entry outside a sign-in response, is OpenIddict's own code.
/// </summary>
internal sealed class BatchedTokenStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    TokenEntryBatch batch) : OpenIddictEntityFrameworkCoreTokenStore(cache, context, options)
{
    public override async ValueTask CreateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        if (!batch.IsOpen)
        {
            await base.CreateAsync(token, cancellationToken);
            return;
        }

        ArgumentNullException.ThrowIfNull(token);
        (await Context.GetDbContextAsync(cancellationToken)).Add(token);
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);

        // An entry of this batch is not in the database yet (OpenIddict stores a code's payload right after creating
        // its entry): the changed fields go with its INSERT. OpenIddict's update would turn the pending INSERT into an
        // UPDATE of a row that does not exist.
        if ((await Context.GetDbContextAsync(cancellationToken)).Entry(token).State == EntityState.Added)
        {
            token.ConcurrencyToken = Guid.NewGuid().ToString();
            return;
        }

        await base.UpdateAsync(token, cancellationToken);
    }
}
