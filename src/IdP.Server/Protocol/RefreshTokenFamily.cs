namespace IdP.Server.Protocol;

/// <summary>
/// The refresh tokens of one sign-in share an OpenIddict authorization: the family. Redeeming one is a single
/// conditional update, so of several requests presenting the same token at once exactly one wins; a token presented
/// again revokes the whole family, the authorization included, so a token its winner receives afterwards is dead too.
/// </summary>
public sealed class RefreshTokenFamily(IdPDbContext db, TimeProvider time)
{
    /// <summary>Marks the token redeemed if it is still valid; false when another request redeemed (or revoked) it first.</summary>
    public async Task<bool> TryRedeemAsync(string tokenId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow().UtcDateTime;
        var changed = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Id == tokenId && t.Status == Statuses.Valid)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Statuses.Redeemed).SetProperty(t => t.RedemptionDate, now), cancellationToken);
        return changed == 1;
    }

    /// <summary>Revokes the authorization and every token issued under it.</summary>
    public async Task RevokeAsync(string authorizationId, CancellationToken cancellationToken)
    {
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Id == authorizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Statuses.Revoked), cancellationToken);
        await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Authorization!.Id == authorizationId && t.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Statuses.Revoked), cancellationToken);
    }
}
