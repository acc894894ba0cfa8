using IdP.Core.Telemetry;
using Microsoft.AspNetCore.Identity;

namespace IdP.Core.SignIn;

/// <summary>
/// Checks a sign-in name and password with smart lockout. An unknown name costs the same as a wrong password (a hash
/// is verified against a dummy) and is counted and locked out the same way, so neither the answer, its timing nor
/// lockout tells whether an account exists.
/// </summary>
/// <remarks>
/// Checks for one name may run in parallel (tabs, scripts, several nodes), each spending ~100 ms on the hash. So the
/// lock is not decided from a row read before the hash: a failure is counted only while the name is not locked and
/// answers from the row as it is after counting, and a right password wins only by clearing the counter in a statement
/// that finds no lock. Whatever the interleaving, at most <see cref="SignInOptions.MaxFailedAttempts"/> - 1 wrong
/// answers come before the lock, and nothing succeeds after it. The arithmetic (limit, durations, whether a lock stands)
/// is <see cref="SignInLockout"/>'s; the statements here repeat its "no lock stands" test in SQL so they stay atomic.
/// </remarks>
public sealed class LocalAccountSignIn(
    IIdPDbContext db,
    IPasswordHasher<Account> hasher,
    DummyPasswordHash dummy,
    TimeProvider time,
    IOptions<SignInOptions> options,
    IdPMetrics metrics,
    ILogger<LocalAccountSignIn> logger)
{
    /// <summary>Checks the credentials and updates the name's failure counter.</summary>
    public async Task<SignInResult> SignInAsync(SignInNameKind kind, string signInName, string password, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(kind, signInName, password, cancellationToken);
        metrics.SignIn(result switch
        {
            SignInResult.Succeeded => SignInOutcome.Succeeded,
            SignInResult.LockedOut => SignInOutcome.Locked,
            _ => SignInOutcome.Failed,
        });
        return result;
    }

    private async Task<SignInResult> CheckAsync(SignInNameKind kind, string signInName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signInName);
        ArgumentNullException.ThrowIfNull(password);
        var normalized = SignInNameNormalizer.Normalize(signInName);
        var key = ThrottleKey.For(kind, normalized);
        var now = time.UtcNow();

        // No account has a key this long (SignInNameNormalizer.Validate) nor a password this long (PasswordRules): the
        // answer is an unknown account's, counted the same, without looking a 100 KB name up; the dummy hash costs what
        // every check costs, over no more text than a real password.
        if (normalized.Length > SignInNameNormalizer.MaxLength || password.Length > PasswordComplexity.AbsoluteMaxLength)
        {
            dummy.Verify(password[..Math.Min(password.Length, PasswordComplexity.AbsoluteMaxLength)]);
            return await RecordFailureAsync(key, now, cancellationToken);
        }

        var account = await db.SignInNames.AsNoTracking()
            .Where(n => n.Kind == kind && n.NormalizedValue == normalized)
            .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => a)
            .FirstOrDefaultAsync(cancellationToken);

        // Always verify exactly one hash, whatever the branch, so every answer costs the same.
        var verified = account?.PasswordHash is { } hash
            ? hasher.VerifyHashedPassword(account, hash, password)
            : dummy.Verify(password);

        if (account is null || verified == PasswordVerificationResult.Failed)
        {
            return await RecordFailureAsync(key, now, cancellationToken);
        }

        if (!account.Enabled)
        {
            return await LockedUntilAsync(key, now, cancellationToken) is { } until ? LockedOut(until) : new SignInResult.Disabled();
        }

        // The right password wins only if no lock exists when the counter is cleared: a failure that locked the name
        // while this hash was being checked is neither ignored nor erased.
        var cleared = await db.SignInThrottles.Where(t => t.KeyHash == key && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteDeleteAsync(cancellationToken);
        if (cleared == 0 && await LockedUntilAsync(key, now, cancellationToken) is { } lockedUntil)
        {
            return LockedOut(lockedUntil);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await db.Users.Where(a => a.Id == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, hasher.HashPassword(account, password)), cancellationToken);
        }

        return new SignInResult.Succeeded(account);
    }

    /// <summary>Forgets failures and lockouts of every sign-in name of an account (after a password reset).</summary>
    public async Task ClearLockoutAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var names = await db.SignInNames.AsNoTracking().Where(n => n.AccountId == accountId).ToListAsync(cancellationToken);
        var keys = names.Select(n => ThrottleKey.For(n.Kind, n.NormalizedValue)).ToList();
        await db.SignInThrottles.Where(t => keys.Contains(t.KeyHash)).ExecuteDeleteAsync(cancellationToken);
    }

    private SignInResult.LockedOut LockedOut(DateTimeOffset until)
    {
        Log.LockedOutAttempt(logger);
        return new SignInResult.LockedOut(until);
    }

    private async Task<DateTimeOffset?> LockedUntilAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.SignInThrottles.AsNoTracking()
            .Where(t => t.KeyHash == key && t.LockedUntil != null && t.LockedUntil > now)
            .Select(t => t.LockedUntil)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Counts one failure and answers from the counter as it stands after it: invalid, or locked out.</summary>
    private async Task<SignInResult> RecordFailureAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockout = SignInLockout.From(options.Value);
        if (!await CountFailureAsync(key, now, cancellationToken))
        {
            return LockedOut(await LockedUntilAsync(key, now, cancellationToken) ?? now);
        }

        // Read after counting, so a row locked meanwhile (by a parallel failure) answers "locked", never "invalid"; no
        // row means a right password cleared the counter after this failure was counted.
        var row = await db.SignInThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.KeyHash == key, cancellationToken);
        var verdict = lockout.AfterFailure(row, now);
        if (verdict is not FailureVerdict.LockNow(var until, var duration))
        {
            return verdict is FailureVerdict.Locked(var lockedUntil) ? LockedOut(lockedUntil) : new SignInResult.InvalidCredentials();
        }

        // Conditional on the count still being over the limit and no lock yet: when failures race, one locks and escalates.
        var locked = await db.SignInThrottles
            .Where(t => t.KeyHash == key && t.FailedCount >= lockout.MaxFailedAttempts && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.FailedCount, 0)
                    .SetProperty(t => t.LockoutCount, t => t.LockoutCount + 1)
                    .SetProperty(t => t.LockedUntil, until)
                    .SetProperty(t => t.UpdatedAt, now),
                cancellationToken);
        if (locked > 0)
        {
            Log.NameLockedOut(logger, duration);
            return LockedOut(until);
        }

        // Another failure locked it first (locked), or a right password cleared the counter first (not locked).
        return await LockedUntilAsync(key, now, cancellationToken) is { } other ? LockedOut(other) : new SignInResult.InvalidCredentials();
    }

    /// <summary>
    /// Adds one failure to the name's counter, atomically (several nodes may count at once), unless the name is locked;
    /// false when it is locked.
    /// </summary>
    private async Task<bool> CountFailureAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Each pass either counts, sees the lock, or creates the row; a pass can only fail because another request
        // created or cleared the row in between, so a few passes always suffice.
        for (var pass = 0; pass < 5; pass++)
        {
            var counted = await db.SignInThrottles.Where(t => t.KeyHash == key && (t.LockedUntil == null || t.LockedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedCount, t => t.FailedCount + 1).SetProperty(t => t.UpdatedAt, now), cancellationToken);
            if (counted > 0)
            {
                return true;
            }

            if (await LockedUntilAsync(key, now, cancellationToken) is not null)
            {
                return false;
            }

            var first = new SignInThrottle { KeyHash = key, FailedCount = 1, UpdatedAt = now };
            if (!await db.SignInThrottles.AnyAsync(t => t.KeyHash == key, cancellationToken) && await db.TryInsertAsync(db.SignInThrottles, first, cancellationToken))
            {
                return true;
            }
        }

        // Only under pathological churn; refusing is the safe answer.
        return false;
    }
}
