using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Accounts;

/// <summary>
/// The one way a password changes, whoever changes it: reset step 2, the forced change at sign-in, and an
/// administrator's set-password (admin API, Graph's update, portal). The new hash, the forced-change mark set or
/// cleared, everything the account is signed in with ended (<see cref="AccountSignOut"/>: security stamp, session rows,
/// grants) and its sign-in lockout cleared, in one transaction. What differs is the caller's: the checks before (a flow's complexity typed twice, or the flow-independent
/// rules), the audit event and a notice email, which it stages so that this save commits them with the change.
/// </summary>
public sealed class PasswordChange(
    IIdPDbContext db,
    IPasswordHasher<Account> hasher,
    AccountSignOut signOut,
    LocalAccountSignIn signIn)
{
    /// <summary>
    /// Sets <paramref name="newPassword"/> (already checked) on <paramref name="account"/> and ends what the old one
    /// began. An account read without tracking is attached as read, so a change another request committed since that read
    /// (its concurrency stamp moved) fails the save with <see cref="DbUpdateConcurrencyException"/> instead of being
    /// overwritten. Joins the caller's transaction, or runs in its own.
    /// </summary>
    /// <param name="account">The account as read in this request.</param>
    /// <param name="newPassword">The new password.</param>
    /// <param name="temporary">
    /// True when an administrator sets a temporary password: flows with "Forced password reset" on ask for a new one at
    /// the next sign-in (<see cref="Account.ForceChangePasswordNextSignIn"/>). A password the user chose clears the mark.
    /// </param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task ApplyAsync(Account account, string newPassword, bool temporary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        if (db.Entry(account).State == EntityState.Detached)
        {
            db.Users.Attach(account);
        }

        Stage(hasher, account, newPassword, temporary);
        await signOut.EndAllAsync(account, cancellationToken);
        await signIn.ClearLockoutAsync(account.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The account's own fields a new password changes (the stamps are <see cref="AccountSignOut"/>'s): hash, lockout, mark.</summary>
    public static void Stage(IPasswordHasher<Account> hasher, Account account, string newPassword, bool temporary)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(account);
        account.PasswordHash = hasher.HashPassword(account, newPassword);
        account.AccessFailedCount = 0;
        account.LockoutEnd = null;
        account.ForceChangePasswordNextSignIn = temporary;
    }
}
