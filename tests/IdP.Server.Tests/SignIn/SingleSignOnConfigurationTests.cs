using IdP.Server.SignIn;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// B2C's "Single sign-on configuration" of a user flow: Tenant (any session signs the user in without a password),
/// Application (only a session the requesting app already used), Policy (only one already used on the flow) and
/// Suppressed (never). A password asked by such a flow adds the app and flow to the browser's session. What a session
/// was used by lives on its server-side row, so a restarted server or another node gives the same answers, and
/// sign-out and revocation forget it with the session.
/// </summary>
public abstract class SingleSignOnConfigurationTests(IdPFactory factory)
{
    [Fact]
    public async Task Tenant_by_default_a_session_one_app_began_signs_another_app_in_silently_on_another_flow()
    {
        var flow = "B2C_1_ssot" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(SingleSignOnScope.Tenant, (await factory.CreateFlowAsync(new UserFlow { Name = flow, NormalizedName = "" })).SingleSignOnConfiguration);
        var (browser, _, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;

        await AssertSilentAsync(browser, await factory.RegisterClientAsync(), flow);
    }

    [Fact]
    public async Task Application_signs_in_silently_only_the_app_that_used_the_session_and_a_password_for_another_app_adds_it()
    {
        var flow = await FlowAsync(SingleSignOnScope.Application);
        var otherFlow = await FlowAsync(SingleSignOnScope.Application);
        var user = await factory.CreateUserAsync();
        var (a, b) = (await factory.RegisterClientAsync(), await factory.RegisterClientAsync());
        using var browser = factory.CreateBrowser();
        Assert.NotNull((await browser.SignInThroughFormAsync(a.Authorize(flow), user)).ToApp()["code"]);

        await AssertSilentAsync(browser, a, flow);
        await AssertSilentAsync(browser, a, otherFlow);
        await AssertAskedAsync(browser, b, flow);

        Assert.NotNull((await browser.SignInThroughFormAsync(b.Authorize(flow), user)).ToApp()["code"]);
        await AssertSilentAsync(browser, b, otherFlow);
        await AssertSilentAsync(browser, a, flow);
    }

    [Fact]
    public async Task Application_counts_an_app_the_session_signed_in_silently_on_a_tenant_wide_flow()
    {
        var flow = await FlowAsync(SingleSignOnScope.Application);
        var (browser, _, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        var b = await factory.RegisterClientAsync();

        await AssertAskedAsync(browser, b, flow);
        await AssertSilentAsync(browser, b, IdPFactory.SignInPolicy);
        await AssertSilentAsync(browser, b, flow);
    }

    [Fact]
    public async Task Application_a_password_of_another_account_in_the_same_browser_covers_only_the_app_it_was_typed_for()
    {
        var flow = await FlowAsync(SingleSignOnScope.Application);
        var (alice, bob) = (await factory.CreateUserAsync(), await factory.CreateUserAsync());
        var (a, b) = (await factory.RegisterClientAsync(), await factory.RegisterClientAsync());
        using var browser = factory.CreateBrowser();
        Assert.NotNull((await browser.SignInThroughFormAsync(a.Authorize(flow), alice)).ToApp()["code"]);

        Assert.NotNull((await browser.SignInThroughFormAsync(b.Authorize(flow), bob)).ToApp()["code"]);

        // Bob's session does not take over what Alice's was used by.
        await AssertAskedAsync(browser, a, flow);
    }

    [Fact]
    public async Task Policy_a_sign_in_at_one_flow_does_not_sign_in_silently_at_a_policy_scoped_flow_until_it_is_used_there()
    {
        var flow = await FlowAsync(SingleSignOnScope.Policy);
        var (browser, a, user, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        var b = await factory.RegisterClientAsync();

        await AssertAskedAsync(browser, a, flow);
        Assert.NotNull((await browser.SignInThroughFormAsync(a.Authorize(flow), user)).ToApp()["code"]);

        await AssertSilentAsync(browser, b, flow);
        await AssertSilentAsync(browser, b, IdPFactory.SignInPolicy);
    }

    [Fact]
    public async Task Policy_counts_a_flow_the_session_signed_in_on_silently_before_the_flow_became_policy_scoped()
    {
        var flow = await FlowAsync(SingleSignOnScope.Tenant);
        var unused = await FlowAsync(SingleSignOnScope.Tenant);
        var (browser, a, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        await AssertSilentAsync(browser, a, flow);

        foreach (var policy in new[] { flow, unused })
        {
            await factory.UpdateFlowAsync(policy, f => f.SingleSignOnConfiguration = SingleSignOnScope.Policy);
        }

        await AssertSilentAsync(browser, a, flow);
        await AssertAskedAsync(browser, a, unused);
    }

    [Fact]
    public async Task Suppressed_asks_for_the_password_every_time_and_prompt_none_gets_login_required_while_signing_in_still_works()
    {
        var flow = await FlowAsync(SingleSignOnScope.Suppressed);
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        Assert.NotNull((await browser.SignInAndRedeemAsync(client, user, client.Authorize(flow)))["id_token"]);
        await AssertAskedAsync(browser, client, flow);
        Assert.NotNull((await browser.SignInThroughFormAsync(client.Authorize(flow), user)).ToApp()["code"]);

        // Each flow's own configuration decides: the session this sign-in began answers a tenant-wide flow.
        await AssertSilentAsync(browser, client, IdPFactory.SignInPolicy);
    }

    [Fact]
    public async Task What_a_session_was_used_by_is_read_from_the_database_by_a_restarted_server_or_a_second_node()
    {
        var flow = await FlowAsync(SingleSignOnScope.Application);
        var user = await factory.CreateUserAsync();
        var (a, b) = (await factory.RegisterClientAsync(), await factory.RegisterClientAsync());
        using var browser = factory.CreateBrowser();
        Assert.NotNull((await browser.SignInThroughFormAsync(a.Authorize(flow), user)).ToApp()["code"]);

        await using var second = factory.OnSameDatabase();
        await second.InitializeAsync();
        using var there = second.CreateBrowser();
        there.Cookies.Add(new Uri(IdPFactory.Origin), new Cookie(SsoSession.CookieName, browser.SsoCookie!.Value));

        await AssertSilentAsync(there, a, flow);
        await AssertAskedAsync(there, b, flow);
    }

    [Theory]
    [InlineData("sign-out")]
    [InlineData("revoked")]
    public async Task Ending_the_session_ends_it_for_every_app_and_flow_and_forgets_what_it_was_used_by(string ending)
    {
        var flow = await FlowAsync(SingleSignOnScope.Application);
        var user = await factory.CreateUserAsync();
        var (a, b) = (await factory.RegisterClientAsync(), await factory.RegisterClientAsync());
        using var browser = factory.CreateBrowser();
        foreach (var app in new[] { a, b })
        {
            Assert.NotNull((await browser.SignInThroughFormAsync(app.Authorize(flow), user)).ToApp()["code"]);
        }

        // The browser's session, which b's password added to the one a began.
        var id = await factory.WithDbAsync(db => db.SignInSessions.Where(s => s.AccountId == user.Account.Id && s.UsedByApplications == $"{a.ClientId} {b.ClientId} ").Select(s => s.Id).SingleAsync());

        if (ending == "sign-out")
        {
            // As before: B2C asks Application-scoped logouts for a client_id; here a logout ends the browser's session.
            await browser.NavigateAsync(OidcClient.LogoutUrl(policy: flow));
        }
        else
        {
            await factory.WithScopeAsync(sp => sp.GetRequiredService<SignInSessions>().EndAllAsync(user.Account.Id, CancellationToken.None));
        }

        await AssertAskedAsync(browser, a, flow);
        await AssertAskedAsync(browser, b, IdPFactory.SignInPolicy);
        var ended = await factory.WithDbAsync(db => db.SignInSessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(("", ""), (ended.UsedByApplications, ended.UsedOnFlows));
    }

    [Fact]
    public async Task Uses_noted_from_an_earlier_read_of_the_session_add_to_what_the_database_holds_by_then_each_once()
    {
        // Two silent sign-ins with one session at once each read the row before the other wrote it.
        var (browser, client, user, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        var flows = await factory.WithDbAsync(db => db.UserFlows.AsNoTracking().Where(f => f.Name == IdPFactory.SignInPolicy).ToListAsync());
        var (signIn, other) = (flows.Single(), await factory.CreateFlowAsync(new UserFlow { Name = "B2C_1_ssou" + Guid.NewGuid().ToString("N")[..6], NormalizedName = "" }));
        var read = await SessionOfAsync(user);

        await factory.WithScopeAsync(async sp =>
        {
            var sessions = sp.GetRequiredService<SignInSessions>();
            await sessions.NoteUseAsync(read, new SessionUse("app-x", signIn), CancellationToken.None);
            await sessions.NoteUseAsync(read, new SessionUse("app-y", signIn), CancellationToken.None);
            await sessions.NoteUseAsync(read, new SessionUse("app-x", other), CancellationToken.None);
        });

        var session = await SessionOfAsync(user);
        Assert.Equal($"{client.ClientId} app-x app-y ", session.UsedByApplications);
        Assert.Equal($"{signIn.Id:N} {other.Id:N} ", session.UsedOnFlows);
    }

    private async Task<string> FlowAsync(SingleSignOnScope scope)
    {
        var policy = "B2C_1_sso" + scope.ToString()[..3].ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", SingleSignOnConfiguration = scope });
        return policy;
    }

    /// <summary>The app signs in on the flow without a password: a code at its reply URL.</summary>
    private static async Task AssertSilentAsync(Browser browser, OidcClient client, string policy) =>
        Assert.NotNull((await browser.NavigateAsync(client.Authorize(policy).Url)).ToApp()["code"]);

    /// <summary>The flow asks for the password: its sign-in page, and B2C's login_required for prompt=none.</summary>
    private static async Task AssertAskedAsync(Browser browser, OidcClient client, string policy)
    {
        SignInPage.On(browser, await browser.NavigateAsync(client.Authorize(policy).Url));
        var silent = (await browser.NavigateAsync((client.Authorize(policy) with { Prompt = "none" }).Url)).ToApp();
        Assert.Equal("login_required", silent["error"]);
        Assert.StartsWith(B2CErrorCodes.NoSessionForPromptNone, silent["error_description"], StringComparison.Ordinal);
    }


    /// <summary>The user's only session row.</summary>
    private Task<SignInSession> SessionOfAsync(TestUser user) =>
        factory.WithDbAsync(db => db.SignInSessions.AsNoTracking().SingleAsync(s => s.AccountId == user.Account.Id));
}

public sealed class SingleSignOnConfigurationTestsOnSqlite(IdPFactory<Sqlite> factory) : SingleSignOnConfigurationTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class SingleSignOnConfigurationTestsOnPostgres(IdPFactory<Postgres> factory) : SingleSignOnConfigurationTests(factory), IClassFixture<IdPFactory<Postgres>>;
