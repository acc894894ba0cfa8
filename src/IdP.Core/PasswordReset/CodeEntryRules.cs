namespace IdP.Core.PasswordReset;

/// <summary>
/// How long a code works and how many wrong entries it survives (B2C's <c>CodeExpirationInSeconds</c> and
/// <c>NumRetryAttempts</c>). Arithmetic only: the reset service counts entries atomically in the database, comparing
/// with these values.
/// </summary>
/// <param name="Lifetime">How long a code works after it is sent.</param>
/// <param name="MaxAttempts">Entries a code allows: after that many wrong ones it is dead.</param>
public sealed record CodeEntryRules(TimeSpan Lifetime, int MaxAttempts)
{
    /// <summary>The rules <paramref name="options"/> configure.</summary>
    public static CodeEntryRules From(PasswordResetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.CodeLifetime, options.MaxAttempts);
    }

    /// <summary>When a code sent at <paramref name="sentAt"/> stops working.</summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset sentAt) => sentAt + Lifetime;

    /// <summary>True once a code's time is up; at its expiry instant it no longer works.</summary>
    public static bool HasExpired(DateTimeOffset expiresAt, DateTimeOffset now) => expiresAt <= now;

    /// <summary>
    /// True while a code may be compared again: each comparison first takes one of <see cref="MaxAttempts"/> entries,
    /// so parallel guesses never get more than that between them.
    /// </summary>
    public bool MayTakeEntry(int entriesTaken) => entriesTaken < MaxAttempts;

    /// <summary>The answer to a wrong code, from the entries taken including this one: tries left, or dead.</summary>
    public VerifyCodeResult AfterWrongEntry(int entriesTaken) =>
        MayTakeEntry(entriesTaken) ? new VerifyCodeResult.Wrong(MaxAttempts - entriesTaken) : new VerifyCodeResult.Exhausted();
}
