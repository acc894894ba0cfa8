using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Tests.Accounts;

/// <summary>What a new password changes on the account itself, whoever sets it, and what ending its sign-ins rotates.</summary>
public sealed class PasswordChangeTests
{
    private static readonly PasswordHasher<Account> Hasher = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_new_password_replaces_the_old_clears_the_lockout_and_sets_the_mark_as_asked(bool temporary)
    {
        var account = Account(markedToChange: !temporary);

        PasswordChange.Stage(Hasher, account, "Fresh-Garden-42", temporary);

        Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(account, account.PasswordHash!, "Fresh-Garden-42"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.VerifyHashedPassword(account, account.PasswordHash!, "Old-Password-1"));
        Assert.Equal(0, account.AccessFailedCount);
        Assert.Null(account.LockoutEnd);
        Assert.Equal(temporary, account.ForceChangePasswordNextSignIn);
    }

    [Fact]
    public void Ending_an_accounts_sign_ins_gives_it_new_stamps_and_notes_when()
    {
        var account = Account(markedToChange: false);
        var (security, concurrency) = (account.SecurityStamp, account.ConcurrencyStamp);
        var now = new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero);

        AccountSignOut.RotateStamps(account, now);

        Assert.NotEqual(security, account.SecurityStamp);
        Assert.NotEqual(concurrency, account.ConcurrencyStamp);
        Assert.Equal(now, account.UpdatedAt);
    }

    private static Account Account(bool markedToChange)
    {
        var account = new Account
        {
            Id = Guid.NewGuid(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            AccessFailedCount = 3,
            LockoutEnd = DateTimeOffset.UnixEpoch,
            ForceChangePasswordNextSignIn = markedToChange,
        };
        account.PasswordHash = Hasher.HashPassword(account, "Old-Password-1");
        return account;
    }
}
