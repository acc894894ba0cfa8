namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// Values longer than any address, username, code or password (found by a black-box review: a 100 KB address was
/// shown back whole). Each is refused with the field's usual message, sends nothing, and is not shown back beyond
/// the field's length; a password over the flow's maximum is the usual length problem, never a failure.
/// </summary>
public abstract class ResetOverLongInputTests(IResetServer server) : ResetSuite(server.Factory, "overlong")
{
    private static readonly string Padding = new('a', 100_000);

    [Fact]
    public async Task An_over_long_address_is_invalid_sends_nothing_and_is_shown_back_only_as_far_as_the_field_goes()
    {
        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser);
        var typed = $"{Guid.NewGuid():N}{Padding}@example.com";

        var refused = ResetPasswordPage.On(browser, await step1.SendCodeAsync(typed));

        Assert.Equal(HttpStatusCode.OK, refused.Page.Status);
        Assert.Equal(["Please enter a valid email address."], refused.FieldErrors);
        Assert.True(refused.CanSend);
        Assert.Equal(typed[..SignInNameNormalizer.MaxLength], refused.EmailValue);
        Assert.Equal(0, await VerificationsAsync(refused));
    }

    [Fact]
    public async Task An_over_long_username_is_invalid_sends_nothing_and_is_shown_back_only_as_far_as_the_field_goes()
    {
        var policy = await UsernameFlowAsync();
        using var browser = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(browser, policy);
        var typed = "ada" + Padding;

        var refused = ResetPasswordPage.On(browser, await step1.SendCodeAsync(Unique(), typed));

        Assert.Equal(["Please enter a valid username."], refused.FieldErrors);
        Assert.Equal(typed[..SignInNameNormalizer.MaxLength], refused.Page.ById(PageElementIds.Username)?.GetAttribute("value"));
        Assert.Equal(0, await VerificationsAsync(refused));
    }

    [Fact]
    public async Task An_over_long_code_is_a_wrong_code_and_is_not_shown_back()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var sent = await SendCodeAsync(browser, email);
        var code = await server.Smtp.WaitForCodeAsync(email, 1);

        var refused = ResetPasswordPage.On(browser, await sent.VerifyAsync(code + Padding));

        Assert.Equal(HttpStatusCode.OK, refused.Page.Status);
        Assert.Equal("That code is incorrect. Please try again.", refused.Error);
        Assert.True(refused.CanEnterCode);
        Assert.DoesNotContain(Padding[..1_000], refused.Page.Body, StringComparison.Ordinal);
        Assert.NotNull(ResetPasswordPage.On(browser, await refused.VerifyAsync(code)).Success);
    }

    [Fact]
    public async Task A_new_password_over_the_flows_maximum_is_the_usual_length_problem_and_changes_nothing()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var verified = await (await OpenResetAsync(browser)).VerifyAddressAsync(browser, server.Smtp, email);
        var step2 = await verified.ContinueToNewPasswordAsync();

        var refused = NewPasswordPage.On(browser, await step2.SetPasswordAsync("Aa1-" + Padding));
        var app = (await refused.SetPasswordAsync(NewPassword)).ToApp();

        Assert.Equal(HttpStatusCode.OK, refused.Page.Status);
        Assert.Equal(["The password must be between 8 and 64 characters."], refused.FieldErrors);
        Assert.NotNull(app["code"]);
    }

    /// <summary>How many codes the page's journey was given.</summary>
    private Task<int> VerificationsAsync(ResetPasswordPage page)
    {
        var journey = QueryHelpers.ParseQuery(page.Page.Url.Query)["tx"].ToString();
        Assert.NotEmpty(journey);
        return Factory.WithDbAsync(db => db.EmailVerifications.CountAsync(v => v.JourneyId == journey));
    }
}

public sealed class ResetOverLongInputTestsOnSqlite(ResetFactory<Sqlite> server) : ResetOverLongInputTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class ResetOverLongInputTestsOnPostgres(ResetFactory<Postgres> server) : ResetOverLongInputTests(server), IClassFixture<ResetFactory<Postgres>>;
