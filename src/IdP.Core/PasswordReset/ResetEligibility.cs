namespace IdP.Core.PasswordReset;

/// <summary>
/// Whether the owner of a verified mailbox may reset a password, and whose. Only ever shown after the code is
/// verified: before that, every address gets the same answer.
/// </summary>
public abstract record ResetEligibility
{
    private ResetEligibility()
    {
    }

    /// <summary>The account may set a new password.</summary>
    /// <param name="AccountId">The account whose password will be set.</param>
    public sealed record Eligible(Guid AccountId) : ResetEligibility;

    /// <summary>No account matches what was typed ("An account could not be found for the provided user ID.").</summary>
    public sealed record NoAccount : ResetEligibility;

    /// <summary>The switch is None, or Selected and the account is not in the group.</summary>
    public sealed record NotEnabled : ResetEligibility;

    /// <summary>An administrator disabled the account.</summary>
    public sealed record AccountDisabled : ResetEligibility;

    /// <summary>The rule: an enabled account, with reset on for everyone or for a group it belongs to.</summary>
    public static ResetEligibility Decide(Account? account, PasswordResetSettings settings, bool isGroupMember)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (account is null)
        {
            return new NoAccount();
        }

        if (!account.Enabled)
        {
            return new AccountDisabled();
        }

        return settings.Mode switch
        {
            PasswordResetMode.All => new Eligible(account.Id),
            PasswordResetMode.Selected when settings.GroupId is not null && isGroupMember => new Eligible(account.Id),
            _ => new NotEnabled(),
        };
    }
}
