using IdP.Core.Accounts;
using IdP.Core.Data;
using IdP.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdP.Core.SignIn;

/// <summary>
/// Checks a sign-in name and password with smart lockout. An unknown name costs the same as a wrong password (a hash
/// is verified against a dummy) and is counted and locked out the same way, so neither the answer, its timing nor
/// lockout tells whether an account exists.
/// </summary>
public sealed class LocalAccountSignIn(
    IIdPDbContext db,
    IPasswordHasher<Account> hasher,
    DummyPasswordHash dummy,
    TimeProvider time,
    IOptions<SignInOptions> options,
    ILogger<LocalAccountSignIn> logger)
{
    /// <summary>Checks the credentials and updates the name's failure counter.</summary>
    public async Task<SignInResult> SignInAsync(SignInNameKind kind, string signInName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signInName);
        ArgumentNullException.ThrowIfNull(password);
        var normalized = SignInNameNormalizer.Normalize(signInName);
        var key = ThrottleKey.For(kind, normalized);
        var now = time.UtcNow();

        var throttle = await db.SignInThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.KeyHash == key, cancellationToken);
        var account = await db.SignInNames.AsNoTracking()
            .Where(n => n.Kind == kind && n.NormalizedValue == normalized)
            .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => a)
            .FirstOrDefaultAsync(cancellationToken);

        // Always verify exactly one hash, whatever the branch, so every answer costs the same.
        var verified = account?.PasswordHash is { } hash
            ? hasher.VerifyHashedPassword(account, hash, password)
            : dummy.Verify(password);

        if (throttle?.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            Log.LockedOutAttempt(logger);
            return new SignInResult.LockedOut(lockedUntil);
        }

        if (account is null || verified == PasswordVerificationResult.Failed)
        {
            var lockout = await RecordFailureAsync(key, now, cancellationToken);
            return lockout is { } until ? new SignInResult.LockedOut(until) : new SignInResult.InvalidCredentials();
        }

        if (!account.Enabled)
        {
            return new SignInResult.Disabled();
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await db.Users.Where(a => a.Id == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, hasher.HashPassword(account, password)), cancellationToken);
        }

        if (throttle is not null)
        {
            await ClearAsync(key, cancellationToken);
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

    private Task<int> ClearAsync(string key, CancellationToken cancellationToken) =>
        db.SignInThrottles.Where(t => t.KeyHash == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Counts one failure atomically (several nodes may count at once); returns the lockout end if this failure locks.</summary>
    private async Task<DateTimeOffset?> RecordFailureAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var updated = await db.SignInThrottles.Where(t => t.KeyHash == key)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedCount, t => t.FailedCount + 1).SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (updated == 0 && !await TryInsertAsync(key, now, cancellationToken))
        {
            await db.SignInThrottles.Where(t => t.KeyHash == key)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedCount, t => t.FailedCount + 1).SetProperty(t => t.UpdatedAt, now), cancellationToken);
        }

        var row = await db.SignInThrottles.AsNoTracking().FirstAsync(t => t.KeyHash == key, cancellationToken);
        if (row.FailedCount < settings.MaxFailedAttempts)
        {
            return null;
        }

        var duration = LockoutDuration(row.LockoutCount, settings);
        var until = now + duration;

        // Conditional on the count still being over the limit: when two nodes race, only one locks and escalates.
        var locked = await db.SignInThrottles.Where(t => t.KeyHash == key && t.FailedCount >= settings.MaxFailedAttempts)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.FailedCount, 0)
                    .SetProperty(t => t.LockoutCount, t => t.LockoutCount + 1)
                    .SetProperty(t => t.LockedUntil, until)
                    .SetProperty(t => t.UpdatedAt, now),
                cancellationToken);
        if (locked > 0)
        {
            Log.NameLockedOut(logger, duration);
        }

        return until;
    }

    private async Task<bool> TryInsertAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new SignInThrottle { KeyHash = key, FailedCount = 1, UpdatedAt = now };
        db.SignInThrottles.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another request inserted the row first; the caller counts on it instead.
            return false;
        }
        finally
        {
            if (db is DbContext context)
            {
                context.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>First lockout lasts <see cref="SignInOptions.FirstLockout"/>; each later one doubles, up to the ceiling.</summary>
    public static TimeSpan LockoutDuration(int previousLockouts, SignInOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factor = Math.Pow(2, Math.Min(previousLockouts, 20));
        var ticks = Math.Min(settings.FirstLockout.Ticks * factor, settings.MaxLockout.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
