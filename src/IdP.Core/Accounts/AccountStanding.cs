using IdP.Core.Contract;

namespace IdP.Core.Accounts;

/// <summary>
/// The one rule every sign-in artefact (SSO cookie, finished journey, code or refresh token) is checked against before
/// it signs anyone in: the account still exists, is enabled, and its security stamp is the one recorded when the
/// artefact was made, so a password reset or a disable ends them all at once.
/// The account comes with its sign-in names, read in the same query: every artefact that stands is about to become
/// tokens, whose claims name them (one round trip fewer per code redemption, refresh and SSO sign-in; issue 16).
/// </summary>
public sealed class AccountStanding(IIdPDbContext db)
{
    /// <summary>Checks the account against the stamp the artefact recorded.</summary>
    public async Task<AccountCheck> CheckAsync(Guid accountId, string? recordedStamp, CancellationToken cancellationToken) =>
        Check(await db.Users.AsNoTracking().Include(a => a.SignInNames).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken), recordedStamp);

    /// <summary>
    /// The same check for a session that issues no tokens (the admin portal's cookie): the account is read without its
    /// sign-in names, so <see cref="AccountCheck.Valid.Account"/> has none.
    /// </summary>
    public async Task<AccountCheck> CheckSessionAsync(Guid accountId, string? recordedStamp, CancellationToken cancellationToken) =>
        Check(await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken), recordedStamp);

    private static AccountCheck Check(Account? account, string? recordedStamp) => account switch
    {
        null => new AccountCheck.Refused(B2CError.AccountNoLongerExists),
        { Enabled: false } => new AccountCheck.Refused(B2CError.AccountLocked),
        _ when !string.Equals(account.SecurityStamp, recordedStamp, StringComparison.Ordinal) => new AccountCheck.Refused(B2CError.GrantRevoked),
        _ => new AccountCheck.Valid(account),
    };
}

/// <summary>Outcome of <see cref="AccountStanding.CheckAsync"/>.</summary>
public abstract record AccountCheck
{
    private AccountCheck()
    {
    }

    /// <summary>The account may be signed in.</summary>
    /// <param name="Account">The account as stored now, with its <see cref="Account.SignInNames"/> when read by <see cref="AccountStanding.CheckAsync"/>.</param>
    public sealed record Valid(Account Account) : AccountCheck;

    /// <summary>It may not; apps that redeem a grant receive <see cref="Error"/>.</summary>
    public sealed record Refused(B2CError Error) : AccountCheck;
}
