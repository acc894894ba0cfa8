namespace IdP.Core.PasswordReset;

/// <summary>
/// The end of a reset: after the mailbox is verified, decides whether its account may reset ("Continue"), then sets
/// the new password (step 2) through <see cref="PasswordChange"/>. The change, its audit event, the notice email and the
/// use of the verification commit together or not at all.
/// </summary>
public sealed class PasswordResetCompletion(
    IIdPDbContext db,
    ResetAccounts accounts,
    NewPasswordCheck check,
    PasswordChange passwords,
    IPasswordResetEmails emails,
    IEmailOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    ILogger<PasswordResetCompletion> logger)
{
    /// <summary>The journey's verified mailbox and what it allows, or null when no code was verified.</summary>
    public async Task<VerifiedMailbox?> FindVerifiedAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var verification = await db.EmailVerifications.AsNoTracking()
            .Where(v => v.JourneyId == journey.Id && v.Purpose == EmailCodePurpose.PasswordReset && v.Status == EmailVerificationStatus.Verified)
            .OrderByDescending(v => v.VerifiedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (verification is null)
        {
            return null;
        }

        var account = verification.AccountId is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        return new VerifiedMailbox(verification.Id, account, await accounts.EligibilityAsync(account, cancellationToken));
    }

    /// <summary>"Continue" on step 1: whether the verified mailbox leads to an account that may reset (audited when not).</summary>
    public async Task<VerifiedMailbox?> ContinueAsync(ResetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verified = await FindVerifiedAsync(request.Journey, cancellationToken);
        if (verified is { Eligibility: not ResetEligibility.Eligible })
        {
            await audit.RecordAsync(AuditEventTypes.ResetRefused, verified.Account?.Id, request.Flow.Name, request.Journey.ClientId, Reason(verified.Eligibility), cancellationToken);
        }

        return verified;
    }

    /// <summary>Step 2: checks and sets the new password.</summary>
    public async Task<ChangePasswordResult> ChangePasswordAsync(ResetRequest request, string? newPassword, string? confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (journey, flow, tenant) = request;
        var verified = await FindVerifiedAsync(journey, cancellationToken);
        if (verified is null)
        {
            return new ChangePasswordResult.NotVerified();
        }

        if (verified is not { Eligibility: ResetEligibility.Eligible, Account: { } account })
        {
            return new ChangePasswordResult.NotAllowed(verified.Eligibility);
        }

        if (await check.ProblemAsync(account, flow.PasswordComplexity, newPassword, confirmation, cancellationToken) is { } problem)
        {
            return problem;
        }

        var now = time.UtcNow();
        Account changed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Single use: only the request that moves the verification from Verified to Used goes on.
            var used = await db.EmailVerifications
                .Where(v => v.Id == verified.VerificationId && v.Status == EmailVerificationStatus.Verified)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, EmailVerificationStatus.Used), cancellationToken);
            if (used == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new ChangePasswordResult.NotVerified();
            }

            // The account as it was read and judged eligible above; PasswordChange saves it only if nothing changed it
            // since (its concurrency stamp), so it is not read again here.
            changed = account;
            audit.Add(AuditEventTypes.PasswordChanged, changed.Id, flow.Name, journey.ClientId);
            var notice = !string.IsNullOrWhiteSpace(changed.Email);
            if (notice)
            {
                db.OutboxMessages.Add(outbox.Prepare(PasswordResetEmailKinds.PasswordChanged, await emails.PasswordChangedAsync(tenant, changed, now, cancellationToken)));
            }

            try
            {
                // newPassword is not null here: the check refuses an empty one. The user chose it, so no mark stays.
                await passwords.ApplyAsync(changed, newPassword!, temporary: false, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request changed or deleted the account since it was read for this step (an administrator, a
                // change in another tab): nothing is kept, the verification stays unused, and step 1 starts from the
                // account as it is now.
                return new ChangePasswordResult.NotVerified();
            }

            await transaction.CommitAsync(cancellationToken);
            if (notice)
            {
                outbox.Wake();
            }
        }

        Log.PasswordChanged(logger, changed.Id);
        return new ChangePasswordResult.Changed(changed, now);
    }

    private static string Reason(ResetEligibility eligibility) => eligibility switch
    {
        ResetEligibility.NoAccount => "no_account",
        ResetEligibility.NotEnabled => "not_enabled",
        ResetEligibility.AccountDisabled => "account_disabled",
        _ => "eligible",
    };
}

/// <summary>A verified mailbox in a journey: the account it leads to (if any) and whether that account may reset.</summary>
/// <param name="VerificationId">The verification that proved the mailbox.</param>
/// <param name="Account">The account the mailbox leads to, or null.</param>
/// <param name="Eligibility">Whether that account may reset.</param>
public sealed record VerifiedMailbox(Guid VerificationId, Account? Account, ResetEligibility Eligibility);
