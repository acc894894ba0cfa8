namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// What was typed against what an account stores. Accounts are found by a normalised key that also folds look-alikes
/// (full-width letters, ligatures, long s, ordinal and circled letters), but mail only ever goes to an address as an
/// account stores it: a look-alike is treated as an unknown address, and a case variant gets the code at the stored one.
/// </summary>
public abstract class ResetAddressTests(IResetServer server) : ResetSuite(server.Factory, "address")
{
    [Theory]
    [InlineData("\uFF41lice", "alice")] // full-width a
    [InlineData("\uFB01ona", "fiona")] // fi ligature
    [InlineData("\u017Ftan", "stan")] // long s
    [InlineData("\u00AAnna", "anna")] // feminine ordinal indicator
    [InlineData("\u24E3om", "tom")] // circled t
    public async Task A_look_alike_of_an_accounts_address_is_treated_as_unknown_and_gets_no_mail(string lookAlike, string real)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var stored = $"{real}-{id}@example.com";
        var typed = $"{lookAlike}-{id}@example.com";
        Assert.True(EmailAddress.IsValid(typed));
        Assert.Equal(SignInNameNormalizer.Normalize(stored), SignInNameNormalizer.Normalize(typed));
        await Factory.CreateAccountAsync(stored, OldPassword);

        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, typed);
        Assert.Equal(CodeSent, sent.Info);
        Assert.Equal(typed, sent.EmailValue);

        // Like any unknown address: a decoy row, dropped by the worker, and nothing sent to anyone.
        var row = (await SettledOutboxRowsAsync(typed, 1)).Single();
        Assert.True(row.IsDecoy);
        Assert.NotNull(row.DroppedAt);
        Assert.Null(row.SentAt);
        Assert.Empty(MessagesTo(typed));
        Assert.Empty(MessagesTo(stored));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == stored)));
    }

    [Fact]
    public async Task A_case_variant_gets_the_code_and_the_notice_at_the_address_as_stored()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var stored = $"Zoe.Stored-{id}@Example.com";
        var typed = stored.ToLowerInvariant();
        await Factory.CreateAccountAsync(stored, OldPassword);

        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, typed);

        // The page shows what was typed (the same page an unknown address gets); the mail goes where the account says.
        Assert.Equal(typed, sent.EmailValue);
        var mail = await server.Smtp.WaitForMessageAsync(stored);
        Assert.Equal(stored, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains(stored, mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(MessagesTo(typed));

        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(TestSmtpServer.CodeIn(mail)));
        Assert.NotNull(verified.Success);
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);

        var notice = await server.Smtp.WaitForMessageAsync(stored, count: 2);
        Assert.Equal(stored, Assert.Single(notice.To.Mailboxes).Address);
        Assert.Contains("password", notice.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(MessagesTo(typed));
    }

    [Fact]
    public async Task On_a_username_flow_the_code_goes_to_the_stored_contact_email_and_never_to_a_look_alike()
    {
        var policy = await UsernameFlowAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var username = "carol" + id;
        var contact = $"Carol-{id}@example.com";
        await Factory.CreateAccountAsync($"signin-{id}@example.com", OldPassword, username: username, contactEmail: contact);

        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser, policy);
        var lookAlike = "\uFF43arol-" + id + "@example.com"; // full-width c
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(lookAlike, username));
        Assert.Equal(CodeSent, sent.Info);
        Assert.True((await SettledOutboxRowsAsync(lookAlike, 1)).Single().IsDecoy);
        Assert.Empty(MessagesTo(lookAlike));
        Assert.Empty(MessagesTo(contact));

        // The same address in other ASCII case is the stored one: its code goes to the contact email as stored.
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        using var again = Factory.CreateBrowser();
        var retry = await OpenResetAsync(again, policy);
        var verified = await retry.VerifyAddressAsync(again, server.Smtp, contact.ToUpperInvariant(), username);
        Assert.Equal(contact, Assert.Single(Assert.Single(MessagesTo(contact)).To.Mailboxes).Address);
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);
    }

    [Fact]
    public async Task An_address_that_is_only_a_contact_email_gets_its_code_at_the_stored_address_and_learns_no_account_after()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var contact = $"Dana-{id}@example.com";
        await Factory.CreateAccountAsync($"dana-signin-{id}@example.com", OldPassword, contactEmail: contact);

        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, contact.ToLowerInvariant());
        var mail = await server.Smtp.WaitForMessageAsync(contact);
        Assert.Equal(contact, Assert.Single(mail.To.Mailboxes).Address);

        var verified = ResetPasswordPage.On(browser, await sent.VerifyAsync(TestSmtpServer.CodeIn(mail)));
        Assert.NotNull(verified.Success);
        Assert.Equal("An account could not be found for the provided user ID.", ResetPasswordPage.On(browser, await verified.ContinueAsync()).Error);
    }

    [Fact]
    public async Task A_username_whose_normalised_form_is_too_long_gets_the_validation_message()
    {
        var policy = await UsernameFlowAsync();
        var username = new string('\uFDFA', 256); // 256 characters typed; NFKC makes each one 18
        Assert.True(SignInNameNormalizer.Normalize(username).Length > 256);

        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser, policy);
        var refused = ResetPasswordPage.On(browser, await step1.SendCodeAsync($"long-{Guid.NewGuid():N}@example.com", username));
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Page.Status);
        Assert.Contains("Please enter a valid username.", refused.FieldErrors);
        Assert.Null(refused.Info);
    }

    [Fact]
    public async Task An_account_whose_normalised_names_are_too_long_is_refused_with_a_reason()
    {
        var created = await Factory.WithScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<AccountService>(sp)
            .CreateAsync(new NewAccount(OldPassword) { SignInEmail = $"long-{Guid.NewGuid():N}@example.com", Username = new string('\uFDFA', 200) }, CancellationToken.None));
        var invalid = Assert.IsType<AccountCreation.Invalid>(created);
        Assert.Contains("The value is too long.", invalid.Errors);
    }

    private IReadOnlyList<MimeKit.MimeMessage> MessagesTo(string address) =>
        [.. server.Smtp.Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.Ordinal)))];
}

public sealed class ResetAddressTestsOnSqlite(ResetFactory<Sqlite> server) : ResetAddressTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class ResetAddressTestsOnPostgres(ResetFactory<Postgres> server) : ResetAddressTests(server), IClassFixture<ResetFactory<Postgres>>;
