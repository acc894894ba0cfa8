using IdP.Core.PasswordReset;
using IdP.Core.UserFlows;

namespace IdP.Core.SignIn;

/// <summary>
/// B2C's "Multifactor authentication" with the Email method, Always on: after the right password on such a flow nothing
/// is signed in yet; the journey records the proven password (bound to the account's security stamp) and the user
/// enters a code mailed to the account's own address, through the reset's code machinery (<see cref="EmailCodeService"/>:
/// hashed codes, the same kind of per-address limits (counted apart from the reset's), wrong-entry limits and outbox). Only then does the sign-in complete, and
/// its session is marked as having a second factor, which an MFA flow asks of a session before it answers silently.
/// </summary>
public sealed class Multifactor(
    JourneyService journeys,
    AccountStanding standing,
    EmailCodeService codes,
    IIdPDbContext db)
{
    /// <summary>True when <paramref name="flow"/> asks every sign-in for the second factor.</summary>
    public static bool Required(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow is { Type: UserFlowType.SignIn, MultifactorEnforcement: MultifactorEnforcement.AlwaysOn };
    }

    /// <summary>
    /// True when <paramref name="session"/> may answer <paramref name="flow"/> without the password: always on flows
    /// without MFA; on an MFA flow only a session that began with the second factor (B2C asks for it again otherwise).
    /// </summary>
    public static bool SessionSatisfies(UserFlow flow, SignInSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return !Required(flow) || session.MultifactorAuthenticated;
    }

    /// <summary>Records in <paramref name="journey"/> that <paramref name="account"/> proved its password and owes the second factor.</summary>
    public Task RequireAsync(AuthorizationJourney journey, Account account, bool keepMeSignedIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(account);
        // Not checked: a journey another tab moved on first stays as that tab left it, and the MFA page then sends the
        // browser back to the sign-in page.
        return journeys.MarkMultifactorRequiredAsync(journey, account.Id, account.SecurityStamp, keepMeSignedIn, cancellationToken);
    }

    /// <summary>
    /// The account that owes its second factor in <paramref name="journey"/>: one that proved its password there and is
    /// unchanged since; otherwise null (the user signs in again). Read once per request.
    /// </summary>
    public async Task<PendingMultifactor?> FindAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (journey is not { Status: JourneyStatus.Pending, MultifactorAccountId: { } accountId, MultifactorVerified: false })
        {
            return null;
        }

        if (await standing.CheckAsync(accountId, journey.MultifactorStamp, cancellationToken) is not AccountCheck.Valid(var account))
        {
            return null;
        }

        // The sign-in email of an email account; otherwise the contact email. B2C asks an account without either to add
        // one; this server refuses instead (the page says so), since an address typed now would prove nothing.
        var mailbox = await db.SignInNames.AsNoTracking()
            .Where(n => n.AccountId == accountId && n.Kind == SignInNameKind.Email)
            .Select(n => n.Value)
            .FirstOrDefaultAsync(cancellationToken) ?? account.Email;
        return new PendingMultifactor(journey, account, string.IsNullOrWhiteSpace(mailbox) ? null : mailbox);
    }

    /// <summary>The status of the pending account's current code in this journey (null before the first send).</summary>
    public async Task<EmailVerificationStatus?> GetStatusAsync(PendingMultifactor pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return (await codes.LatestAsync(Scope(pending), cancellationToken))?.Status;
    }

    /// <summary>"Send verification code" (or "Send new code"): a code to the account's own address, under the address's limits.</summary>
    public Task<SendCodeResult> SendAsync(PendingMultifactor pending, UserFlow flow, Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(flow);
        if (pending.Mailbox is not { } mailbox)
        {
            return Task.FromResult<SendCodeResult>(new SendCodeResult.NoCode());
        }

        return codes.SendAsync(new EmailCodeSendRequest(Scope(pending), flow.Name, pending.Journey.ClientId, tenant, mailbox, null, pending.Account, mailbox), cancellationToken);
    }

    /// <summary>"Verify code": the right one completes the second factor in the journey.</summary>
    public async Task<VerifyCodeResult> VerifyAsync(PendingMultifactor pending, UserFlow flow, string? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(flow);
        var accountId = pending.Account.Id;
        var result = await codes.VerifyAsync(Scope(pending), flow.Name, pending.Journey.ClientId, input, (_, _) => Task.FromResult<Guid?>(accountId), cancellationToken);
        if (result is VerifyCodeResult.Verified && !await journeys.MarkMultifactorVerifiedAsync(pending.Journey, cancellationToken))
        {
            // Another tab moved the journey on meanwhile: this code signs nobody in.
            return new VerifyCodeResult.Expired();
        }

        return result;
    }

    private static EmailCodeScope Scope(PendingMultifactor pending) => new(pending.Journey.Id, EmailCodeUse.Multifactor, pending.Account.Id);
}

/// <summary>
/// An account that proved its password in a journey and owes its second factor, as <see cref="Multifactor.FindAsync"/>
/// read it in this request.
/// </summary>
public sealed class PendingMultifactor
{
    internal PendingMultifactor(AuthorizationJourney journey, Account account, string? mailbox)
    {
        Journey = journey;
        Account = account;
        Mailbox = mailbox;
    }

    internal AuthorizationJourney Journey { get; }

    /// <summary>The account, as read in this request.</summary>
    public Account Account { get; }

    /// <summary>The address its codes go to, shown read-only; null when the account has none.</summary>
    public string? Mailbox { get; }
}
