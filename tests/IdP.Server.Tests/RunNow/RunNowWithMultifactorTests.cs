namespace IdP.Server.Tests.RunNow;

/// <summary>Run now on a flow with MFA Always on: the token reaches the viewer only after the emailed code.</summary>
public abstract class RunNowWithMultifactorTests(IResetServer server)
{
    private const string Password = "Run-Now-Pass-1";

    [Fact]
    public async Task A_run_on_an_MFA_flow_asks_for_the_emailed_code_then_ends_on_the_viewer_with_a_verified_token()
    {
        var factory = server.Factory;
        var policy = "B2C_1_rnmfa" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", MultifactorEnforcement = MultifactorEnforcement.AlwaysOn });
        var email = $"{Guid.NewGuid():N}@example.com";
        await factory.CreateAccountAsync(email, Password, displayName: "Katherine Johnson");
        using var browser = factory.CreateBrowser();

        var signIn = SignInPage.On(browser, await browser.NavigateAsync($"/{IdPFactory.Tenant}/{policy}/run-now"));
        var mfa = MultifactorPage.On(browser, await signIn.SignInAsync(email, Password));
        var sent = MultifactorPage.On(browser, await mfa.SendCodeAsync());
        var viewer = await RunNowViewerPage.ReceiveAsync(browser, await sent.VerifyAsync(await server.Smtp.WaitForCodeAsync(email)));

        Assert.Equal("tokens", viewer.Outcome);
        var id = RunNowElementIds.IdToken;
        Assert.All(viewer.Checks(id).Values, Assert.True);
        Assert.Equal(policy, viewer.Claim(id, "tfp"));
        Assert.Equal("Katherine Johnson", viewer.Claim(id, "name"));
    }
}

public sealed class RunNowWithMultifactorTestsOnSqlite(RunNowResetFactory<Sqlite> factory) : RunNowWithMultifactorTests(factory), IClassFixture<RunNowResetFactory<Sqlite>>;

public sealed class RunNowWithMultifactorTestsOnPostgres(RunNowResetFactory<Postgres> factory) : RunNowWithMultifactorTests(factory), IClassFixture<RunNowResetFactory<Postgres>>;
