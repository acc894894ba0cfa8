using IdP.Core.PasswordReset;

namespace IdP.Core.Passwords;

/// <summary>
/// The checks a password the user types twice goes through before it is set (reset step 2 and a forced change): both
/// fields filled, the same twice, and the flow's complexity with the account's own names (<see cref="PasswordRules"/>).
/// </summary>
public sealed class NewPasswordCheck(IIdPDbContext db)
{
    /// <summary>Why <paramref name="newPassword"/> cannot be set for <paramref name="account"/>, or null when it can.</summary>
    public async Task<ChangePasswordResult?> ProblemAsync(Account account, PasswordComplexity complexity, string? newPassword, string? confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (string.IsNullOrEmpty(newPassword) || string.IsNullOrEmpty(confirmation))
        {
            return new ChangePasswordResult.Required(string.IsNullOrEmpty(newPassword), string.IsNullOrEmpty(confirmation));
        }

        if (!string.Equals(newPassword, confirmation, StringComparison.Ordinal))
        {
            return new ChangePasswordResult.Mismatch();
        }

        var names = await db.SignInNames.AsNoTracking().Where(n => n.AccountId == account.Id).Select(n => n.Value).ToListAsync(cancellationToken);
        if (account.Email is { } contact)
        {
            names.Add(contact);
        }

        var problems = PasswordRules.Check(newPassword, complexity, names);
        return problems.Count > 0 ? new ChangePasswordResult.Rejected(problems) : null;
    }
}
