using IdP.Core.Telemetry;
using IdP.Core.UserFlows;

namespace IdP.Core.PasswordReset;

/// <summary>
/// Step 1 of a reset: verification codes for one journey's email address. Codes are stored as salted hashes, limited
/// per code (attempts), per address (cooldown with back-off after dead codes, hourly and daily counts) and in time,
/// with every counter in the database so the limits hold across restarts and nodes. Until a code is verified, a known
/// and an unknown address get the same answers for the same work; only the known one's code is mailed, and only to
/// the address as the account stores it.
/// </summary>
public sealed class ResetCodeService(
    IIdPDbContext db,
    ResetAccounts accounts,
    IPasswordResetEmails emails,
    IEmailOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    IOptions<PasswordResetOptions> options,
    IdPMetrics metrics,
    ILogger<ResetCodeService> logger)
{
    /// <summary>Where the journey's verification stands.</summary>
    public async Task<ResetCodeState> GetStateAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var latest = await Latest(journey.Id).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? ResetCodeState.None : new ResetCodeState(latest.Status, latest.Address, latest.Username);
    }

    /// <summary>
    /// "Send verification code" for the typed address: the code is mailed to the address as an account stores it, when
    /// one stores the typed address (but for ASCII case); otherwise nothing is mailed, and the answer is the same.
    /// </summary>
    public Task<SendCodeResult> SendAsync(ResetRequest request, string? email, string? username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ResetInputProblem? emailProblem = string.IsNullOrWhiteSpace(email) ? ResetInputProblem.Required
            : SignInNameNormalizer.Validate(SignInNameKind.Email, email) is null ? null : ResetInputProblem.Malformed;
        ResetInputProblem? usernameProblem = null;
        if (request.Flow.SignInType == SignInNameKind.Username)
        {
            usernameProblem = string.IsNullOrWhiteSpace(username) ? ResetInputProblem.Required
                : SignInNameNormalizer.Validate(SignInNameKind.Username, username) is null ? null : ResetInputProblem.Malformed;
        }

        if (emailProblem is not null || usernameProblem is not null)
        {
            return Task.FromResult<SendCodeResult>(new SendCodeResult.Invalid(emailProblem, usernameProblem));
        }

        var typedUsername = request.Flow.SignInType == SignInNameKind.Username ? username!.Trim() : null;
        return SendCoreAsync(request, email!.Trim(), typedUsername, cancellationToken);
    }

    /// <summary>"Send new code": the same as the last send of this journey, with what was typed then.</summary>
    public async Task<SendCodeResult> ResendAsync(ResetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = await Latest(request.Journey.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is not { Status: EmailVerificationStatus.Pending or EmailVerificationStatus.Exhausted })
        {
            return new SendCodeResult.NoCode();
        }

        return await SendCoreAsync(request, latest.Address, latest.Username, cancellationToken);
    }

    /// <summary>Checks a typed code against the journey's current one ("Verify code").</summary>
    public async Task<VerifyCodeResult> VerifyAsync(ResetRequest request, string? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await CheckCodeAsync(request, input, cancellationToken);
        if (result is not VerifyCodeResult.Empty)
        {
            metrics.ResetCode(result is VerifyCodeResult.Verified ? ResetCodeOutcome.Verified : ResetCodeOutcome.Failed);
        }

        return result;
    }

    private async Task<VerifyCodeResult> CheckCodeAsync(ResetRequest request, string? input, CancellationToken cancellationToken)
    {
        var typed = VerificationCode.Clean(input);
        if (typed.Length == 0)
        {
            return new VerifyCodeResult.Empty();
        }

        var now = time.UtcNow();
        var rules = CodeEntryRules.From(options.Value);
        var row = await Latest(request.Journey.Id).FirstOrDefaultAsync(cancellationToken);
        if (row is not { Status: EmailVerificationStatus.Pending })
        {
            VerificationCode.SpendOneCheck(typed);
            return row?.Status == EmailVerificationStatus.Exhausted ? new VerifyCodeResult.Exhausted() : new VerifyCodeResult.Expired();
        }

        // Looked up on every path (known or unknown address) so the audit trail names the account and timing stays even.
        // Matched again by the same rule as at sending, so the account is one whose stored address received the code.
        var accountId = (await accounts.MatchAsync(request.Flow.SignInType, row.Address, row.Username, cancellationToken)).Account?.Id;
        if (CodeEntryRules.HasExpired(row.ExpiresAt, now))
        {
            VerificationCode.SpendOneCheck(typed);
            await audit.RecordAsync(AuditEventTypes.ResetCodeFailed, accountId, request.Flow.Name, request.Journey.ClientId, "expired", cancellationToken);
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

            await audit.RecordAsync(AuditEventTypes.ResetCodeVerified, accountId, request.Flow.Name, request.Journey.ClientId, cancellationToken: cancellationToken);
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
            Log.CodeExhausted(logger, max);
            await audit.RecordAsync(AuditEventTypes.ResetCodeFailed, accountId, request.Flow.Name, request.Journey.ClientId, "exhausted", cancellationToken);
            return answer;
        }

        await audit.RecordAsync(AuditEventTypes.ResetCodeFailed, accountId, request.Flow.Name, request.Journey.ClientId, "wrong", cancellationToken);
        return answer;
    }

    /// <summary>Drops the journey's code and verification ("Change e-mail"): step 1 starts again, prefilled.</summary>
    public async Task ChangeAddressAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        await ReplaceCurrentAsync(journey.Id, cancellationToken);
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

    private async Task<SendCodeResult> SendCoreAsync(ResetRequest request, string address, string? username, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (journey, flow, tenant) = request;
        var now = time.UtcNow();
        var normalizedUsername = username is null ? null : SignInNameNormalizer.Normalize(username);

        // Limits count by the normalised address, so look-alikes of an address share its limits.
        var addressHash = ThrottleKey.ForAddress(SignInNameNormalizer.Normalize(address));

        // The same work for every address: the same lookups, a code and its hash, the message, its protection and its
        // outbox row. An unknown address (Mailbox null) gets a decoy row the worker drops unsent; nothing the person
        // sees, and no query or statement this request makes, depends on which it is.
        var (account, mailbox) = await accounts.MatchAsync(flow.SignInType, address, username, cancellationToken);
        var code = VerificationCode.Generate();
        var verification = new EmailVerification
        {
            Id = Guid.NewGuid(),
            JourneyId = journey.Id,
            Address = address,
            Username = username,
            NormalizedUsername = normalizedUsername,
            CodeHash = VerificationCode.Hash(code),
            CreatedAt = now,
            ExpiresAt = CodeEntryRules.From(settings).ExpiresAt(now),
            Version = Guid.NewGuid(),
        };
        var email = await emails.VerificationCodeAsync(tenant, mailbox ?? address, code, settings.CodeLifetime, cancellationToken);
        var message = mailbox is null
            ? outbox.PrepareDecoy(PasswordResetEmailKinds.VerificationCode, email, verification.ExpiresAt)
            : outbox.Prepare(PasswordResetEmailKinds.VerificationCode, email, verification.ExpiresAt);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await TryStartSendAsync(addressHash, now, cancellationToken) || await OverLimitAsync(addressHash, now, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                Log.SendThrottled(logger);
                metrics.ResetCode(ResetCodeOutcome.Throttled);
                await audit.RecordAsync(AuditEventTypes.ResetThrottled, account?.Id, flow.Name, journey.ClientId, cancellationToken: cancellationToken);
                return new SendCodeResult.Throttled();
            }

            await ReplaceCurrentAsync(journey.Id, cancellationToken);
            db.EmailVerifications.Add(verification);
            db.EmailCodeSends.Add(new EmailCodeSend { Id = verification.Id, AddressHash = addressHash, SentAt = now });
            db.OutboxMessages.Add(message);
            audit.Add(AuditEventTypes.ResetCodeSent, account?.Id, flow.Name, journey.ClientId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        metrics.ResetCode(ResetCodeOutcome.Sent);
        if (settings.LogCodes && mailbox is not null)
        {
            Log.DevelopmentCode(logger, code, mailbox);
        }

        return new SendCodeResult.Sent(verification.ExpiresAt);
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
    /// wrong entries to the address in the last day, in whichever codes (<see cref="ResendBackoff"/>,
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

    /// <summary>A new code replaces the old one; a verification is dropped with it.</summary>
    private Task<int> ReplaceCurrentAsync(string journeyId, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid();
        return db.EmailVerifications
            .Where(v => v.JourneyId == journeyId && (v.Status == EmailVerificationStatus.Pending || v.Status == EmailVerificationStatus.Verified))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, EmailVerificationStatus.Replaced).SetProperty(v => v.Version, version), cancellationToken);
    }

    /// <summary>The journey's current verification: the newest one still in play, else the newest of all.</summary>
    private IQueryable<EmailVerification> Latest(string journeyId) =>
        db.EmailVerifications.AsNoTracking()
            .Where(v => v.JourneyId == journeyId)
            .OrderBy(v => v.Status == EmailVerificationStatus.Replaced)
            .ThenByDescending(v => v.CreatedAt);
}

/// <summary>The journey a reset runs in, its flow and tenant.</summary>
/// <param name="Journey">The journey the reset runs in.</param>
/// <param name="Flow">The journey's user flow (sign-in type, password complexity).</param>
/// <param name="Tenant">The tenant, whose name the emails carry.</param>
public sealed record ResetRequest(AuthorizationJourney Journey, UserFlow Flow, Tenant Tenant);
