namespace IdP.Core.PasswordReset;

/// <summary>
/// Emailed verification codes for one journey, whatever they prove (<see cref="EmailCodeUse"/>: a reset's mailbox, a
/// sign-in's second factor). Codes are stored as salted hashes, limited per code (attempts), per address (cooldown with
/// back-off after dead codes, hourly and daily counts, each use of the address counted apart) and in time, with every
/// counter in the database so the limits hold across restarts and nodes; the email goes through the outbox.
/// </summary>
public sealed class EmailCodeService(
    IIdPDbContext db,
    IPasswordResetEmails emails,
    IEmailOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    IOptions<PasswordResetOptions> options,
    ILogger<EmailCodeService> logger)
{
    /// <summary>The current code of <paramref name="scope"/>: the newest one still in play, else the newest of all; null when none was sent.</summary>
    public Task<EmailVerification?> LatestAsync(EmailCodeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Latest(scope).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a code to the request's mailbox (an address as an account stores it) or, when null, writes the same rows
    /// and a decoy message the worker drops unsent: the same work either way. The request's address is what the row
    /// shows back and what the per-address limits count.
    /// </summary>
    public async Task<SendCodeResult> SendAsync(EmailCodeSendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (scope, flowName, clientId, tenant, address, username, account, mailbox) = request;
        var settings = options.Value;
        var now = time.UtcNow();

        // Limits count by the normalised address, so look-alikes of an address share its limits; each use counts apart.
        var addressHash = scope.Use.LimitKey(SignInNameNormalizer.Normalize(address));
        var code = VerificationCode.Generate();
        var verification = new EmailVerification
        {
            Id = Guid.NewGuid(),
            Purpose = scope.Use.Purpose,
            JourneyId = scope.JourneyId,
            Address = address,
            Username = username,
            NormalizedUsername = username is null ? null : SignInNameNormalizer.Normalize(username),
            CodeHash = VerificationCode.Hash(code),
            CreatedAt = now,
            ExpiresAt = CodeEntryRules.From(settings).ExpiresAt(now),
            AccountId = scope.AccountId,
            Version = Guid.NewGuid(),
        };
        var email = await emails.VerificationCodeAsync(tenant, mailbox ?? address, code, settings.CodeLifetime, cancellationToken);
        var message = mailbox is null
            ? outbox.PrepareDecoy(scope.Use.EmailKind, email, verification.ExpiresAt)
            : outbox.Prepare(scope.Use.EmailKind, email, verification.ExpiresAt);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await TryStartSendAsync(addressHash, now, cancellationToken) || await OverLimitAsync(addressHash, now, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                Log.SendThrottled(logger, scope.Use.Purpose);
                await audit.RecordAsync(scope.Use.ThrottledEvent, account?.Id, flowName, clientId, cancellationToken: cancellationToken);
                return new SendCodeResult.Throttled();
            }

            await ReplaceCurrentAsync(scope, cancellationToken);
            db.EmailVerifications.Add(verification);
            db.EmailCodeSends.Add(new EmailCodeSend { Id = verification.Id, AddressHash = addressHash, SentAt = now });
            db.OutboxMessages.Add(message);
            audit.Add(scope.Use.SentEvent, account?.Id, flowName, clientId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        if (settings.LogCodes && mailbox is not null)
        {
            Log.DevelopmentCode(logger, scope.Use.Purpose, code, mailbox);
        }

        return new SendCodeResult.Sent(verification.ExpiresAt);
    }

    /// <summary>
    /// Checks a typed code against the current one of <paramref name="scope"/>. <paramref name="accountOf"/> names the
    /// account the code's address leads to (for the audit trail and the verified row), asked on every path that has a
    /// pending code so timing stays even.
    /// </summary>
    public async Task<VerifyCodeResult> VerifyAsync(EmailCodeScope scope, string? flowName, string? clientId, string? input, Func<EmailVerification, CancellationToken, Task<Guid?>> accountOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(accountOf);
        var typed = VerificationCode.Clean(input);
        if (typed.Length == 0)
        {
            return new VerifyCodeResult.Empty();
        }

        var now = time.UtcNow();
        var rules = CodeEntryRules.From(options.Value);
        var use = scope.Use;
        var row = await Latest(scope).FirstOrDefaultAsync(cancellationToken);
        if (row is not { Status: EmailVerificationStatus.Pending })
        {
            VerificationCode.SpendOneCheck(typed);
            return row?.Status == EmailVerificationStatus.Exhausted ? new VerifyCodeResult.Exhausted() : new VerifyCodeResult.Expired();
        }

        var accountId = await accountOf(row, cancellationToken);
        if (CodeEntryRules.HasExpired(row.ExpiresAt, now))
        {
            VerificationCode.SpendOneCheck(typed);
            await audit.RecordAsync(use.FailedEvent, accountId, flowName, clientId, "expired", cancellationToken);
            return new VerifyCodeResult.Expired();
        }

        // The attempt is counted before the comparison, atomically: parallel guesses (tabs, nodes) each take a slot,
        // so a code is never compared more than MaxAttempts times. The condition is CodeEntryRules.MayTakeEntry, in SQL.
        var max = rules.MaxAttempts;
        var reserved = await db.EmailVerifications
            .Where(v => v.Id == row.Id && v.Status == EmailVerificationStatus.Pending && v.FailedAttempts < max)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.FailedAttempts, v => v.FailedAttempts + 1), cancellationToken);
        if (reserved == 0)
        {
            VerificationCode.SpendOneCheck(typed);
            return new VerifyCodeResult.Exhausted();
        }

        if (VerificationCode.Matches(typed, row.CodeHash))
        {
            var version = Guid.NewGuid();
            var verified = await db.EmailVerifications
                .Where(v => v.Id == row.Id && v.Status == EmailVerificationStatus.Pending && v.ExpiresAt > now)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(v => v.Status, EmailVerificationStatus.Verified)
                        .SetProperty(v => v.VerifiedAt, now)
                        .SetProperty(v => v.AccountId, accountId)
                        .SetProperty(v => v.FailedAttempts, v => v.FailedAttempts - 1)
                        .SetProperty(v => v.Version, version),
                    cancellationToken);
            if (verified == 0)
            {
                return new VerifyCodeResult.Expired();
            }

            await audit.RecordAsync(use.VerifiedEvent, accountId, flowName, clientId, cancellationToken: cancellationToken);
            return new VerifyCodeResult.Verified();
        }

        // Counted per address too, where it outlives this code: the back-off before the next code counts every wrong entry.
        await db.EmailCodeSends.Where(c => c.Id == row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WrongEntries, c => c.WrongEntries + 1), cancellationToken);
        var used = await db.EmailVerifications.Where(v => v.Id == row.Id).Select(v => v.FailedAttempts).FirstAsync(cancellationToken);
        var answer = rules.AfterWrongEntry(used);
        if (answer is VerifyCodeResult.Exhausted)
        {
            await db.EmailVerifications.Where(v => v.Id == row.Id && v.Status == EmailVerificationStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, EmailVerificationStatus.Exhausted), cancellationToken);
            await db.EmailCodeSends.Where(c => c.Id == row.Id && c.ExhaustedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExhaustedAt, now), cancellationToken);
            Log.CodeExhausted(logger, use.Purpose, max);
            await audit.RecordAsync(use.FailedEvent, accountId, flowName, clientId, "exhausted", cancellationToken);
            return answer;
        }

        await audit.RecordAsync(use.FailedEvent, accountId, flowName, clientId, "wrong", cancellationToken);
        return answer;
    }

    /// <summary>Drops the journey's current code and verification of this use (a new code, "Change e-mail").</summary>
    public Task<int> ReplaceCurrentAsync(EmailCodeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (journeyId, purpose) = (scope.JourneyId, scope.Use.Purpose);
        var version = Guid.NewGuid();
        return db.EmailVerifications
            .Where(v => v.JourneyId == journeyId && v.Purpose == purpose && (v.Status == EmailVerificationStatus.Pending || v.Status == EmailVerificationStatus.Verified))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, EmailVerificationStatus.Replaced).SetProperty(v => v.Version, version), cancellationToken);
    }

    /// <summary>
    /// Deletes per-address rows older than a day: past every cooldown, back-off and count, they hold nothing a rule
    /// still needs, and addresses typed once (or made up by a bot) should not stay in the tables for ever.
    /// </summary>
    public async Task<int> PurgeSendThrottlesAsync(CancellationToken cancellationToken)
    {
        var cutoff = ResetCodeWindow.CountsAfter(time.UtcNow());
        return await db.EmailCodeSends.Where(c => c.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.EmailSendThrottles.Where(t => t.LastSentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>True when the address had its hourly or daily count of codes (read under the send slot's row lock).</summary>
    private async Task<bool> OverLimitAsync(string addressHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayAgo = ResetCodeWindow.CountsAfter(now);
        var sent = await db.EmailCodeSends.Where(c => c.AddressHash == addressHash && c.SentAt > dayAgo)
            .Select(c => c.SentAt)
            .ToListAsync(cancellationToken);
        return ResetCodeWindow.From(options.Value).CheckCounts(sent, now) is not SendDecision.Allowed;
    }

    /// <summary>
    /// Takes the address's send slot: an atomic conditional update that fails inside the cooldown, which grows with the
    /// wrong entries to the address in the last day, in whichever of this use's codes (<see cref="ResendBackoff"/>,
    /// <see cref="ResetCodeWindow.DeadCodeEquivalents"/>). Its row lock also
    /// queues concurrent sends to the same address until this transaction ends, so the hourly and daily counts stay exact.
    /// The update's condition is <see cref="ResetCodeWindow.CheckCooldown"/>, in SQL.
    /// </summary>
    private async Task<bool> TryStartSendAsync(string addressHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayAgo = ResetCodeWindow.CountsAfter(now);
        var wrongEntries = await db.EmailCodeSends.Where(c => c.AddressHash == addressHash && c.SentAt > dayAgo).SumAsync(c => c.WrongEntries, cancellationToken);
        var deadCodes = ResetCodeWindow.DeadCodeEquivalents(wrongEntries, options.Value.MaxAttempts);
        var cutoff = ResetCodeWindow.From(options.Value).FreeIfLastSentBy(now, deadCodes);
        var updated = await db.EmailSendThrottles.Where(t => t.AddressHash == addressHash && t.LastSentAt <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastSentAt, now), cancellationToken);
        if (updated > 0)
        {
            return true;
        }

        if (await db.EmailSendThrottles.AnyAsync(t => t.AddressHash == addressHash, cancellationToken))
        {
            return false;
        }

        // When another request inserted the address's row first, it is sending right now: this one is inside the cooldown.
        return await db.TryInsertAsync(db.EmailSendThrottles, new EmailSendThrottle { AddressHash = addressHash, LastSentAt = now }, cancellationToken);
    }

    /// <summary>The scope's current code: the newest one still in play, else the newest of all.</summary>
    private IQueryable<EmailVerification> Latest(EmailCodeScope scope)
    {
        var (journeyId, purpose, accountId) = (scope.JourneyId, scope.Use.Purpose, scope.AccountId);
        var rows = db.EmailVerifications.AsNoTracking().Where(v => v.JourneyId == journeyId && v.Purpose == purpose);
        if (accountId is { } id)
        {
            rows = rows.Where(v => v.AccountId == id);
        }

        return rows.OrderBy(v => v.Status == EmailVerificationStatus.Replaced).ThenByDescending(v => v.CreatedAt);
    }
}

/// <summary>
/// Whose codes a request reads and writes: one journey's codes for one use and, for a second factor, one account's
/// (a code sent for another account that proved its password earlier in the journey never counts).
/// </summary>
/// <param name="JourneyId">The journey the codes are sent in.</param>
/// <param name="Use">What the codes prove.</param>
/// <param name="AccountId">For a second factor: the account whose codes count (null for a reset: any).</param>
public sealed record EmailCodeScope(string JourneyId, EmailCodeUse Use, Guid? AccountId = null);

/// <summary>What a code is sent for, to whom, and what is shown back.</summary>
/// <param name="Scope">The journey, use and account.</param>
/// <param name="FlowName">The flow, for the audit trail.</param>
/// <param name="ClientId">The app, for the audit trail.</param>
/// <param name="Tenant">The tenant whose name and branding the email carries.</param>
/// <param name="Address">The address shown back and counted by the per-address limits.</param>
/// <param name="Username">On username reset flows, the username typed with it.</param>
/// <param name="Account">The account the code is for, when known (audit).</param>
/// <param name="Mailbox">The stored address to mail, or null to mail nothing (a decoy).</param>
public sealed record EmailCodeSendRequest(EmailCodeScope Scope, string? FlowName, string? ClientId, Tenant Tenant, string Address, string? Username, Account? Account, string? Mailbox);

/// <summary>What a code proves, with its audit events and outbox kind.</summary>
/// <param name="Purpose">Stored on each code, so one use never reads another's.</param>
/// <param name="EmailKind">The outbox kind of its email.</param>
/// <param name="SentEvent">Audited when a code is sent.</param>
/// <param name="VerifiedEvent">Audited when the right code is entered.</param>
/// <param name="FailedEvent">Audited for a wrong, expired or dead code (the detail says which).</param>
/// <param name="ThrottledEvent">Audited when the address's limits refuse a code.</param>
public sealed record EmailCodeUse(EmailCodePurpose Purpose, string EmailKind, string SentEvent, string VerifiedEvent, string FailedEvent, string ThrottledEvent)
{
    /// <summary>Step 1 of a password reset.</summary>
    public static EmailCodeUse PasswordReset { get; } = new(EmailCodePurpose.PasswordReset, PasswordResetEmailKinds.VerificationCode,
        AuditEventTypes.ResetCodeSent, AuditEventTypes.ResetCodeVerified, AuditEventTypes.ResetCodeFailed, AuditEventTypes.ResetThrottled);

    /// <summary>A sign-in's second factor.</summary>
    public static EmailCodeUse Multifactor { get; } = new(EmailCodePurpose.Multifactor, PasswordResetEmailKinds.MultifactorCode,
        AuditEventTypes.MultifactorCodeSent, AuditEventTypes.MultifactorCodeVerified, AuditEventTypes.MultifactorCodeFailed, AuditEventTypes.MultifactorThrottled);

    /// <summary>
    /// The key the per-address limits count this use's codes under. A second factor's are counted apart from a reset's:
    /// anyone who knows an address can ask for its reset codes until its limits refuse more, and that must not keep the
    /// account's own sign-in from getting its code (a day's lockout). A second factor's codes need the password, so the
    /// mailbox gets at most one more set of limits' worth, only from someone who has it.
    /// </summary>
    public string LimitKey(string normalizedAddress) =>
        Purpose == EmailCodePurpose.Multifactor ? ThrottleKey.ForMultifactorAddress(normalizedAddress) : ThrottleKey.ForAddress(normalizedAddress);
}
