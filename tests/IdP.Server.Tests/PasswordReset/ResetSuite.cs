using IdP.Core.Email;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// What every reset suite starts from: an app of its own on the server, reset on for everyone, and the first steps of
/// a reset (an account, a browser on step 1). Each suite is written once on this base and runs on both providers.
/// </summary>
public abstract class ResetSuite(IdPFactory factory, string addressPrefix) : IAsyncLifetime
{
    protected const string RedirectUri = "https://app.test/callback";
    protected const string OldPassword = "Old-Password-1";
    protected const string NewPassword = "Fresh-Garden-42";
    protected const string CodeSent = "Verification code has been sent to your inbox. Please copy it to the input box below.";
    protected const string Verified = "E-mail address verified. You can now continue.";

    protected IdPFactory Factory { get; } = factory;

    /// <summary>This suite's app (each test class registers its own, so audit rows can be told apart).</summary>
    protected string ClientId { get; } = "app-" + Guid.NewGuid().ToString("N")[..8];

    protected OidcClient Client => new(Factory, ClientId, RedirectUri);

    public virtual async Task InitializeAsync()
    {
        await Factory.RegisterAppAsync(new AppRegistration(ClientId, "Test app") { RedirectUris = [RedirectUri] });
        await Factory.SetResetModeAsync(PasswordResetMode.All);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh address, prefixed with the suite's name for failure messages.</summary>
    protected string Unique() => $"{addressPrefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>Creates an account with a fresh address and <see cref="OldPassword"/>; returns the address.</summary>
    protected async Task<string> AccountAsync()
    {
        var email = Unique();
        await Factory.CreateAccountAsync(email, OldPassword);
        return email;
    }

    /// <summary>An account with <see cref="OldPassword"/> that an administrator marked to change it at its next sign-in.</summary>
    protected async Task<(string Email, Account Account)> MarkedAccountAsync()
    {
        var email = Unique();
        var account = await Factory.CreateAccountAsync(email, OldPassword);
        await Factory.MarkForPasswordChangeAsync(account.Id);
        return (email, account);
    }

    /// <summary>Creates a user flow whose users sign in with a username; returns its name.</summary>
    protected async Task<string> UsernameFlowAsync()
    {
        var policy = "B2C_1_user" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SignInType = SignInNameKind.Username });
        return policy;
    }

    /// <summary>This suite's app asks for a sign-in on <paramref name="policy"/>; the browser follows the reset link to step 1.</summary>
    protected Task<ResetPasswordPage> OpenResetAsync(Browser browser, string policy = IdPFactory.SignInPolicy) =>
        browser.OpenResetFromSignInAsync(Client.Authorize(policy));

    /// <summary>Step 1 from the sign-in page to "code sent" for <paramref name="email"/>; returns the page it ends on.</summary>
    protected async Task<ResetPasswordPage> SendCodeAsync(Browser browser, string email)
    {
        var step1 = await OpenResetAsync(browser);
        return ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
    }

    /// <summary>Waits (real time) until the worker has finished with the <paramref name="count"/> outbox rows for an address.</summary>
    protected async Task<List<OutboxMessage>> SettledOutboxRowsAsync(string toAddress, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var rows = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == toAddress).ToListAsync());
            if (rows.Count == count && rows.All(m => (m.SentAt ?? m.DroppedAt ?? m.FailedAt) is not null))
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The outbox rows for {toAddress} did not settle: {rows.Count} row(s).");
            await Task.Delay(25);
        }
    }

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    protected static string Other(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
