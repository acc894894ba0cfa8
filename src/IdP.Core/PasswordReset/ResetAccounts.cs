namespace IdP.Core.PasswordReset;

/// <summary>
/// Which account a reset is for, by the flow's sign-in type: on email flows the account that signs in with the
/// address; on username flows the account with that username whose contact email is the address. Also where its code
/// may be mailed: only ever to an address as an account stores it, never to the string typed.
/// </summary>
public sealed class ResetAccounts(IIdPDbContext db, PasswordResetSettingsService settings)
{
    /// <summary>
    /// What the typed address (and, on username flows, username) lead to. Lookups go by normalised key, which also
    /// matches look-alikes (<c>ａlice@…</c> finds <c>alice@…</c>); a stored address counts only when it is the typed one
    /// but for ASCII case (<see cref="EmailAddress.SameMailbox"/>), so a look-alike is treated as an unknown address.
    /// The same three queries run whatever is found, so timing does not tell either.
    /// </summary>
    public async Task<ResetMatch> MatchAsync(SignInNameKind kind, string typedAddress, string? typedUsername, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typedAddress);
        var normalizedAddress = SignInNameNormalizer.Normalize(typedAddress);
        var normalizedUsername = typedUsername is null ? null : SignInNameNormalizer.Normalize(typedUsername);

        var candidate = kind == SignInNameKind.Username
            ? await db.SignInNames.AsNoTracking()
                .Where(n => n.Kind == SignInNameKind.Username && n.NormalizedValue == normalizedUsername)
                .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => a)
                .Where(a => a.NormalizedEmail == normalizedAddress)
                .Select(a => new { Account = a, Stored = a.Email })
                .FirstOrDefaultAsync(cancellationToken)
            : await db.SignInNames.AsNoTracking()
                .Where(n => n.Kind == SignInNameKind.Email && n.NormalizedValue == normalizedAddress)
                .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => new { Account = a, Stored = (string?)n.Value })
                .FirstOrDefaultAsync(cancellationToken);

        // Every address an account stores under this key (sign-in emails, then contact emails): the mailbox owner is
        // sent a code even when the rest of what was typed matches no account, and learns that only after verifying.
        var signInEmails = await db.SignInNames.AsNoTracking()
            .Where(n => n.Kind == SignInNameKind.Email && n.NormalizedValue == normalizedAddress)
            .Select(n => n.Value)
            .ToListAsync(cancellationToken);
        var contactEmails = await db.Users.AsNoTracking()
            .Where(a => a.NormalizedEmail == normalizedAddress && a.Email != null)
            .Select(a => a.Email!)
            .Distinct()
            .ToListAsync(cancellationToken);

        if (candidate is { Stored: { } stored } && EmailAddress.SameMailbox(typedAddress, stored))
        {
            return new ResetMatch(candidate.Account, stored);
        }

        var mailbox = signInEmails.Concat(contactEmails).FirstOrDefault(s => EmailAddress.SameMailbox(typedAddress, s));
        return new ResetMatch(null, mailbox);
    }

    /// <summary>Whether <paramref name="account"/> may reset now, under the tenant's current switch.</summary>
    public async Task<ResetEligibility> EligibilityAsync(Account? account, CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var member = account is not null && current.GroupId is { } groupId
            && await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.AccountId == account.Id, cancellationToken);
        return ResetEligibility.Decide(account, current, member);
    }
}

/// <summary>
/// What typed reset values lead to: the account (when one matches) and the stored address to mail its code to (when
/// some account has the address; null means send nothing). <see cref="Mailbox"/> is always an address as an account
/// stores it, never merely what was typed.
/// </summary>
/// <param name="Account">The account the reset is for, or null when none matches.</param>
/// <param name="Mailbox">The stored address to mail the code to, or null to send nothing.</param>
public sealed record ResetMatch(Account? Account, string? Mailbox);
