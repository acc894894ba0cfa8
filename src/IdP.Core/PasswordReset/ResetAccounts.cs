using IdP.Core.Accounts;
using IdP.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace IdP.Core.PasswordReset;

/// <summary>
/// Which account a reset is for, by the flow's sign-in type: on email flows the account that signs in with the
/// address; on username flows the account with that username whose contact email is the address.
/// </summary>
public sealed class ResetAccounts(IIdPDbContext db, PasswordResetSettingsService settings)
{
    /// <summary>The account the typed values identify, or null.</summary>
    public Task<Account?> FindAsync(SignInNameKind kind, string normalizedAddress, string? normalizedUsername, CancellationToken cancellationToken)
    {
        if (kind == SignInNameKind.Username)
        {
            return db.SignInNames.AsNoTracking()
                .Where(n => n.Kind == SignInNameKind.Username && n.NormalizedValue == normalizedUsername)
                .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => a)
                .Where(a => a.NormalizedEmail == normalizedAddress)
                .FirstOrDefaultAsync(cancellationToken);
        }

        return db.SignInNames.AsNoTracking()
            .Where(n => n.Kind == SignInNameKind.Email && n.NormalizedValue == normalizedAddress)
            .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => a)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// True when some account signs in with, or is reached at, the address: only then is a code mailed. Such a mailbox
    /// owner may learn after verifying that no account matches the rest of what was typed; nobody else learns anything.
    /// </summary>
    public async Task<bool> IsKnownMailboxAsync(string normalizedAddress, CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(a => a.NormalizedEmail == normalizedAddress, cancellationToken)
        || await db.SignInNames.AnyAsync(n => n.Kind == SignInNameKind.Email && n.NormalizedValue == normalizedAddress, cancellationToken);

    /// <summary>Whether <paramref name="account"/> may reset now, under the tenant's current switch.</summary>
    public async Task<ResetEligibility> EligibilityAsync(Account? account, CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var member = account is not null && current.GroupId is { } groupId
            && await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.AccountId == account.Id, cancellationToken);
        return ResetEligibility.Decide(account, current, member);
    }
}
