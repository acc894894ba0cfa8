namespace IdP.Server.Protocol;

/// <summary>
/// The token entries of one sign-in response (a token response's refresh, access and ID token; an authorization
/// response's code), written with one SaveChanges instead of one each (issue 16). <see cref="BatchedTokenStore"/> adds
/// entries to the request's context without saving while the batch is open; <see cref="FlushTokenEntryBatch"/> saves them
/// before OpenIddict writes the response, so no token leaves the server without its committed entry. A response that
/// is refused before the flush never saves its entries: nobody ever saw those tokens.
/// </summary>
internal sealed class TokenEntryBatch(IdPDbContext db)
{
    /// <summary>Whether token entries wait for <see cref="FlushAsync"/>.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>From now until <see cref="FlushAsync"/>, new token entries are only added to the context.</summary>
    public void Open() => IsOpen = true;

    /// <summary>Closes the batch and saves the entries added meanwhile (and whatever else the context tracks as changed).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        IsOpen = false;
        if (db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreToken>().Any(e => e.State == EntityState.Added))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
