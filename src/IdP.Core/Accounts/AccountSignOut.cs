namespace IdP.Core.Accounts;

/// <summary>
/// Ends everything an account is signed in with, for whatever ends it (a password change, disabling, revoking its
/// sessions): a new security stamp, which refuses every SSO cookie, journey and refresh token made before (see
/// <see cref="AccountStanding"/>); the account's session rows ended, so its session list stays true; and the protocol
/// engine's authorizations and tokens revoked, so access tokens the server's own APIs check die too.
/// </summary>
public sealed class AccountSignOut(IIdPDbContext db, SignInSessions sessions, IGrantRevocation grants, TimeProvider time)
{
    /// <summary>
    /// Rotates the stamps of <paramref name="account"/> (tracked) and saves it with whatever else the caller staged, then
    /// ends its session rows and grants. Runs in the caller's transaction.
    /// </summary>
    public async Task EndAllAsync(Account account, CancellationToken cancellationToken)
    {
        RotateStamps(account, time.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(account.Id, cancellationToken);
        await grants.RevokeAsync(account.Id, cancellationToken);
    }

    /// <summary>A new security stamp (and concurrency stamp, so a change read before this one cannot overwrite it).</summary>
    public static void RotateStamps(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        account.UpdatedAt = now;
    }
}
