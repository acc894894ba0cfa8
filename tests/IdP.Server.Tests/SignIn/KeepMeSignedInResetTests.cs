namespace IdP.Server.Tests.SignIn;

/// <summary>
/// "Keep me signed in" and the password pages: a reset by email ends a kept session like any other; the box ticked
/// with a temporary password is kept (in the journey) through the forced change; the embedded reset, which the box's
/// form never reaches, signs in with a browser session.
/// </summary>
public abstract class KeepMeSignedInResetTests(IResetServer server) : ResetSuite(server.Factory, "kmsi")
{
    [Fact]
    public async Task A_password_reset_by_email_in_another_browser_ends_a_kept_session()
    {
        var policy = await KmsiFlowAsync(forcedPasswordReset: false);
        var email = await AccountAsync();
        using var kept = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(kept, Client.Authorize(policy));
        Assert.NotNull((await signIn.SignInAsync(email, OldPassword, keepMeSignedIn: true)).ToApp()["code"]);

        using (var resetting = Factory.CreateBrowser())
        {
            var step1 = await resetting.OpenResetFromSignInAsync(Client.Authorize(policy));
            var verified = await step1.VerifyAddressAsync(resetting, server.Smtp, email);
            Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);
        }

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await SignInPage.OpenAsync(kept, Client.Authorize(policy));
    }

    [Fact]
    public async Task The_box_ticked_with_a_temporary_password_keeps_the_session_once_the_new_password_is_chosen()
    {
        var policy = await KmsiFlowAsync(forcedPasswordReset: true);
        var (email, _) = await MarkedAccountAsync();
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, Client.Authorize(policy));

        var change = await signIn.SignInAsync(email, OldPassword, keepMeSignedIn: true);
        Assert.EndsWith("/signin/change-password", change.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Null(browser.SsoCookie);
        Assert.True(await Factory.WithDbAsync(db => db.Journeys.AnyAsync(j => j.KeepMeSignedIn && j.PasswordChangeAccountId != null && j.Policy == policy)));
        Assert.NotNull((await NewPasswordPage.On(browser, change).SetPasswordAsync(NewPassword)).ToApp()["code"]);

        var end = Factory.Clock.GetUtcNow().UtcDateTime.AddDays(5);
        Assert.InRange(browser.SsoCookie!.Expires.ToUniversalTime(), end.AddMinutes(-1), end.AddMinutes(1));
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.NotNull((await browser.NavigateAsync(Client.Authorize(policy).Url)).ToApp()["code"]);
    }

    [Fact]
    public async Task The_embedded_reset_of_a_KMSI_flow_signs_in_with_a_browser_session()
    {
        var policy = await KmsiFlowAsync(forcedPasswordReset: false);
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();

        var step1 = await browser.OpenResetFromSignInAsync(Client.Authorize(policy));
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        Assert.NotNull((await verified.SetNewPasswordAsync(NewPassword)).ToApp()["code"]);

        Assert.Equal(DateTime.MinValue, browser.SsoCookie!.Expires);
    }

    /// <summary>A sign-in flow with KMSI on for five days (and Forced password reset when asked); returns its name.</summary>
    private async Task<string> KmsiFlowAsync(bool forcedPasswordReset)
    {
        var policy = "B2C_1_kmsir" + Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", KeepMeSignedIn = true, KeepMeSignedInDays = 5, ForcedPasswordReset = forcedPasswordReset });
        return policy;
    }

}

public sealed class KeepMeSignedInResetTestsOnSqlite(ResetFactory<Sqlite> server) : KeepMeSignedInResetTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class KeepMeSignedInResetTestsOnPostgres(ResetFactory<Postgres> server) : KeepMeSignedInResetTests(server), IClassFixture<ResetFactory<Postgres>>;
