namespace IdP.Server.Tests.RunNow;

/// <summary>Run now with a password reset on the way: the viewer shows the token the reset ended with.</summary>
public abstract class RunNowWithResetTests(IResetServer server)
{
    private const string RunNowUrl = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now";

    [Theory]
    [InlineData("")]
    [InlineData("?response_type=code")]
    public async Task A_user_who_resets_the_password_during_a_run_ends_on_the_viewer_with_a_verified_token(string query)
    {
        var factory = server.Factory;
        var email = $"{Guid.NewGuid():N}@example.com";
        await factory.CreateAccountAsync(email, "Forgotten-Pass-1", displayName: "Grace Hopper");
        using var browser = factory.CreateBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RunNowUrl + query));
        var step1 = ResetPasswordPage.On(browser, await browser.NavigateAsync(signIn.ForgotPasswordHref!));
        var verified = await step1.VerifyAddressAsync(browser, server.Smtp, email);
        var step2 = await verified.ContinueToNewPasswordAsync();
        var resetAt = factory.Clock.GetUtcNow();
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await step2.SetPasswordAsync("Remembered-Pass-2"));

        Assert.Equal("tokens", viewer.Outcome);
        var id = RunNowElementIds.IdToken;
        Assert.All(viewer.Checks(id).Values, Assert.True);
        Assert.Equal("Grace Hopper", viewer.Claim(id, "name"));
        Assert.Equal(resetAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), viewer.Claim(id, "auth_time")![..16]);
        Assert.Equal(query.Length > 0, viewer.Page.ById(RunNowElementIds.AccessToken) is not null);
    }
}

/// <summary>The reset server with Run now's additions (see <see cref="RunNowHost"/>).</summary>
public sealed class RunNowResetFactory<TDatabase> : ResetFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public RunNowResetFactory()
    {
        RunNowHost.KeepLogs(this);
        RunNowHost.RedeemInMemory(this);
    }
}

public sealed class RunNowWithResetTestsOnSqlite(RunNowResetFactory<Sqlite> factory) : RunNowWithResetTests(factory), IClassFixture<RunNowResetFactory<Sqlite>>;

public sealed class RunNowWithResetTestsOnPostgres(RunNowResetFactory<Postgres> factory) : RunNowWithResetTests(factory), IClassFixture<RunNowResetFactory<Postgres>>;
