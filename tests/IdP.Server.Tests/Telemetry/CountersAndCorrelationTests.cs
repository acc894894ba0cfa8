using IdP.Core.Telemetry;

namespace IdP.Server.Tests.Telemetry;

/// <summary>
/// What an operator watches: the <c>IdP</c> meter's counters move with what users do (sign-ins, reset codes, mail) and
/// limits hit; and the logs of a request carry the correlation id its error page shows.
/// </summary>
public abstract class CountersAndCorrelationTests<TDatabase>(EveryFlowFactory<TDatabase> factory)
    where TDatabase : ITestDatabase, new()
{
    [Fact]
    public async Task Sign_in_counters_count_successes_failures_and_lockouts()
    {
        using var counters = new CounterRecorder(factory);
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        // MaxFailedAttempts is 3: two wrong passwords fail, the third locks the name.
        for (var i = 0; i < 3; i++)
        {
            await (await SignInPage.OpenAsync(browser, client.Authorize())).SignInAsync(user.Email, "Wrong-Horse-1");
        }

        var other = await factory.CreateUserAsync();
        using var second = factory.CreateBrowser();
        Assert.NotNull((await second.SignInThroughFormAsync(client.Authorize(), other)).ToApp()["code"]);

        Assert.Equal(2, counters["idp.sign_ins", "failed"]);
        Assert.Equal(1, counters["idp.sign_ins", "locked"]);
        Assert.Equal(1, counters["idp.sign_ins", "succeeded"]);
    }

    [Fact]
    public async Task Reset_code_and_email_counters_count_sends_entries_throttles_and_deliveries()
    {
        using var counters = new CounterRecorder(factory);
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var step1 = await browser.OpenResetFromSignInAsync(client.Authorize());
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(user.Email));
        var code = await factory.Smtp.WaitForCodeAsync(user.Email);
        var wrong = ResetPasswordPage.On(browser, await sent.VerifyAsync(code == "111111" ? "222222" : "111111"));
        var resent = ResetPasswordPage.On(browser, await wrong.SendNewCodeAsync()); // inside the 30 s cooldown
        Assert.NotNull(resent.Error);
        ResetPasswordPage.On(browser, await resent.VerifyAsync(code));

        Assert.Equal(1, counters["idp.reset_codes", "sent"]);
        Assert.Equal(1, counters["idp.reset_codes", "failed"]);
        Assert.Equal(1, counters["idp.reset_codes", "throttled"]);
        Assert.Equal(1, counters["idp.reset_codes", "verified"]);
        Assert.Equal(1, await counters.WaitForAsync("idp.emails", "sent", 1));
    }

    [Fact]
    public void Limits_count_under_the_name_of_the_limit_hit()
    {
        using var counters = new CounterRecorder(factory);
        var metrics = factory.Services.GetRequiredService<IdPMetrics>();

        metrics.LimitHit("sign-in-per-ip");
        metrics.LimitHit("sign-in-per-ip");
        metrics.LimitHit("token-per-network");

        Assert.Equal(2, counters["idp.limits.hits", "sign-in-per-ip"]);
        Assert.Equal(1, counters["idp.limits.hits", "token-per-network"]);
    }

    [Fact]
    public async Task The_logs_of_a_request_carry_the_correlation_id_its_error_page_shows()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync($"/{IdPFactory.Tenant}/B2C_1_no_such_flow/oauth2/v2.0/authorize?client_id=x&response_type=code&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=openid");

        var correlationId = page.Text("correlationId");
        Assert.False(string.IsNullOrEmpty(correlationId), page.Body);
        var logged = factory.Logs.Entries.Where(e => e.Scopes.TryGetValue("TraceId", out var traceId) && traceId == correlationId).ToList();
        Assert.Contains(logged, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && e.Message.Contains("B2C_1_no_such_flow", StringComparison.Ordinal));
    }
}

public sealed class CountersAndCorrelationTestsOnSqlite(EveryFlowFactory<Sqlite> factory) : CountersAndCorrelationTests<Sqlite>(factory), IClassFixture<EveryFlowFactory<Sqlite>>;

public sealed class CountersAndCorrelationTestsOnPostgres(EveryFlowFactory<Postgres> factory) : CountersAndCorrelationTests<Postgres>(factory), IClassFixture<EveryFlowFactory<Postgres>>;
