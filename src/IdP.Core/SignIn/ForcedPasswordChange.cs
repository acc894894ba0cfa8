using IdP.Core.PasswordReset;
using IdP.Core.UserFlows;
using Microsoft.AspNetCore.Identity;

namespace IdP.Core.SignIn;

/// <summary>
/// B2C's "Forced password reset": on a sign-in flow with the property on, an account an administrator marked
/// (<see cref="Account.ForceChangePasswordNextSignIn"/>) that signs in with the right password is not signed in yet.
/// The journey records the proven password (bound to the account's security stamp) and the user must choose a new
/// one; the change (<see cref="PasswordChange"/>) ends the mark and the account's other sessions as a reset does, then
/// the sign-in completes.
/// </summary>
public sealed class ForcedPasswordChange(
    JourneyService journeys,
    AccountStanding standing,
    NewPasswordCheck check,
    IPasswordHasher<Account> hasher,
    PasswordChange passwords,
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
    /// marked; otherwise null (the user signs in again). Read once per request: <see cref="ChangeAsync"/> takes the result.
    /// </summary>
    public async Task<PendingPasswordChange?> FindAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (journey is not { Status: JourneyStatus.Pending, PasswordChangeAccountId: { } accountId })
        {
            return null;
        }

        return await standing.CheckAsync(accountId, journey.PasswordChangeStamp, cancellationToken) is AccountCheck.Valid { Account: { ForceChangePasswordNextSignIn: true } account }
            ? new PendingPasswordChange(journey, account)
            : null;
    }

    /// <summary>Checks and sets the new password of the account <paramref name="pending"/> found, under <paramref name="flow"/>'s complexity.</summary>
    public async Task<ChangePasswordResult> ChangeAsync(PendingPasswordChange pending, UserFlow flow, string? newPassword, string? confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(flow);
        var (journey, account) = (pending.Journey, pending.Account);
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
        audit.Add(AuditEventTypes.ForcedPasswordChanged, account.Id, flow.Name, journey.ClientId);
        try
        {
            // Only the account as it was proven: FindAsync matched its stamp to the journey's, and the row is saved only
            // if no change was committed since that read (another tab, an administrator): its concurrency stamp moved.
            await passwords.ApplyAsync(account, newPassword!, temporary: false, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ChangePasswordResult.NotVerified();
        }

        Log.ForcedPasswordChanged(logger, account.Id);
        return new ChangePasswordResult.Changed(account, now);
    }
}

/// <summary>
/// An account that proved its password in a journey, unchanged since and still marked, as <see cref="ForcedPasswordChange.FindAsync"/>
/// read it in this request; only that method makes one, so <see cref="ForcedPasswordChange.ChangeAsync"/> changes no other.
/// </summary>
public sealed class PendingPasswordChange
{
    internal PendingPasswordChange(AuthorizationJourney journey, Account account)
    {
        Journey = journey;
        Account = account;
    }

    internal AuthorizationJourney Journey { get; }

    internal Account Account { get; }
}
