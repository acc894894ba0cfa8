using IdP.Core.PasswordReset;
using IdP.Core.UserFlows;
using Microsoft.AspNetCore.Identity;

namespace IdP.Core.SignIn;

/// <summary>
/// B2C's "Forced password reset": on a sign-in flow with the property on, an account an administrator marked
/// (<see cref="Account.ForceChangePasswordNextSignIn"/>) that signs in with the right password is not signed in yet.
/// The journey records the proven password (bound to the account's security stamp) and the user must choose a new
/// one; the change ends the mark and the account's other sessions as a reset does, then the sign-in completes.
/// </summary>
public sealed class ForcedPasswordChange(
    IIdPDbContext db,
    JourneyService journeys,
    AccountStanding standing,
    AccountService accounts,
    NewPasswordCheck check,
    IPasswordHasher<Account> hasher,
    LocalAccountSignIn signIn,
    SignInSessions sessions,
    AuditLog audit,
    TimeProvider time,
    ILogger<ForcedPasswordChange> logger)
{
    /// <summary>True when <paramref name="account"/>, having proven its password on <paramref name="flow"/>, must change it first.</summary>
    public static bool Applies(UserFlow flow, Account account)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(account);
        // The mark is ignored on flows without the property, as in B2C.
        return flow is { Type: UserFlowType.SignIn, ForcedPasswordReset: true } && account.ForceChangePasswordNextSignIn;
    }

    /// <summary>True when <paramref name="newPassword"/> is <paramref name="account"/>'s current password: a forced change must change it.</summary>
    public static bool KeepsCurrent(IPasswordHasher<Account> hasher, Account account, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(account);
        return account.PasswordHash is { } hash && hasher.VerifyHashedPassword(account, hash, newPassword) != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// Records in <paramref name="journey"/> that <paramref name="account"/> proved its password and must change it
    /// (audited), with the user's "Keep me signed in" choice for the sign-in the change finishes.
    /// </summary>
    public async Task RequireAsync(AuthorizationJourney journey, Account account, bool keepMeSignedIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(account);
        // Not checked: a journey another tab moved on first stays as that tab left it, and the change page then sends
        // the browser back to the sign-in page.
        await journeys.MarkPasswordChangeRequiredAsync(journey, account.Id, account.SecurityStamp, keepMeSignedIn, cancellationToken);
        await audit.RecordAsync(AuditEventTypes.PasswordChangeRequired, account.Id, journey.Policy, journey.ClientId, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The account that must change its password in <paramref name="journey"/>: one proven there, unchanged since and still
    /// marked; otherwise null (the user signs in again).
    /// </summary>
    public async Task<Account?> FindAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (journey is not { Status: JourneyStatus.Pending, PasswordChangeAccountId: { } accountId })
        {
            return null;
        }

        return await standing.CheckAsync(accountId, journey.PasswordChangeStamp, cancellationToken) is AccountCheck.Valid { Account: { ForceChangePasswordNextSignIn: true } account }
            ? account
            : null;
    }

    /// <summary>Checks and sets the new password of the account <paramref name="journey"/> holds, under <paramref name="flow"/>'s complexity.</summary>
    public async Task<ChangePasswordResult> ChangeAsync(AuthorizationJourney journey, UserFlow flow, string? newPassword, string? confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (await FindAsync(journey, cancellationToken) is not { } account)
        {
            return new ChangePasswordResult.NotVerified();
        }

        if (await check.ProblemAsync(account, flow.PasswordComplexity, newPassword, confirmation, cancellationToken) is { } problem)
        {
            return problem;
        }

        // newPassword is not null here: the check refuses an empty one.
        if (KeepsCurrent(hasher, account, newPassword!))
        {
            return new ChangePasswordResult.SameAsCurrent();
        }

        var now = time.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the account as it was proven: a change committed since (another tab, an administrator) moved its stamp.
        // The row read here is the one staged and saved, so a change committed after it fails the save instead.
        var current = await db.Users.FirstOrDefaultAsync(a => a.Id == account.Id, cancellationToken);
        if (!string.Equals(current?.SecurityStamp, journey.PasswordChangeStamp, StringComparison.Ordinal)
            || await accounts.StagePasswordChangeAsync(account.Id, newPassword!, cancellationToken) is not { } changed)
        {
            return new ChangePasswordResult.NotVerified();
        }

        audit.Add(AuditEventTypes.ForcedPasswordChanged, changed.Id, flow.Name, journey.ClientId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request changed the account between the check and this save (its concurrency stamp moved).
            return new ChangePasswordResult.NotVerified();
        }

        await signIn.ClearLockoutAsync(changed.Id, cancellationToken);
        // The new security stamp already refuses every other session and refresh token; ending their rows keeps the
        // account's session list true, as a reset does.
        await sessions.EndAllAsync(changed.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.ForcedPasswordChanged(logger, changed.Id);
        return new ChangePasswordResult.Changed(changed, now);
    }
}
