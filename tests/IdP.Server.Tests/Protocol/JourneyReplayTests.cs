namespace IdP.Server.Tests.Protocol;

/// <summary>
/// A journey the user finished (signed in) ends with a redirect to the app's authorize request plus <c>tx</c>. Whoever
/// holds that URL and the browser must not be able to turn it into tokens after the password changed, nor into tokens
/// for another request of the same app (another reply URL, their own PKCE challenge, more scopes).
/// </summary>
public abstract class JourneyReplayTests(IResetServer server) : IAsyncLifetime
{
    private const string AppCallback = "https://app.test/callback";
    private const string OtherCallback = "https://app.test/other-callback";
    private readonly IdPFactory _factory = server.Factory;
    private readonly OidcClient _client = new(server.Factory, "app-" + Guid.NewGuid().ToString("N")[..8], AppCallback);

    public Task InitializeAsync() =>
        _factory.RegisterAppAsync(new AppRegistration(_client.ClientId, "Replay test app") { RedirectUris = [AppCallback, OtherCallback] });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sign_in_left_unfinished_before_a_password_reset_gives_no_tokens_after_it()
    {
        var user = await _factory.CreateUserAsync();
        using var attacker = _factory.CreateBrowser();
        var resume = await SignInButStopBeforeTheAppAsync(attacker, _client.Authorize(), user);

        using (var owner = _factory.CreateBrowser())
        {
            var verified = await (await owner.OpenResetFromSignInAsync(_client.Authorize())).VerifyAddressAsync(owner, server.Smtp, user.Email);
            Assert.NotNull((await verified.SetNewPasswordAsync("Fresh-Garden-42")).ToApp()["code"]);
        }

        var replayed = await attacker.NavigateAsync(resume);

        Assert.Null(replayed.ExternalRedirect);
        SignInPage.On(attacker, replayed);
    }

    [Fact]
    public async Task A_finished_journey_completes_only_the_request_that_started_it()
    {
        var user = await _factory.CreateUserAsync();
        // prompt=login, so the SSO session cannot answer the swapped request either: only the journey could.
        var original = _client.Authorize(scope: "openid") with { Prompt = "login" };
        using var attacker = _factory.CreateBrowser();
        var resume = await SignInButStopBeforeTheAppAsync(attacker, original, user);
        var theirs = _client.Authorize();

        var swapped = await attacker.NavigateAsync(Swap(resume, new Dictionary<string, string>
        {
            ["redirect_uri"] = OtherCallback,
            ["scope"] = "openid offline_access",
            ["code_challenge"] = theirs.CodeChallenge,
        }));

        Assert.Null(swapped.ExternalRedirect);
        SignInPage.On(attacker, swapped);

        // The request that started the journey still completes.
        var app = (await attacker.NavigateAsync(resume)).ToApp();
        Assert.Equal(AppCallback, app.RedirectUri.ToString());
        Assert.Equal(original.State, app["state"]);
        var tokens = await _client.RedeemCodeAsync(original, app["code"]!);
        Assert.Equal(200, tokens.Status);
        Assert.Null(tokens["refresh_token"]);
    }

    [Fact]
    public async Task Changing_only_the_state_or_nonce_on_replay_gives_no_tokens_from_the_journey()
    {
        var user = await _factory.CreateUserAsync();
        var original = _client.Authorize() with { Prompt = "login" };
        using var attacker = _factory.CreateBrowser();
        var resume = await SignInButStopBeforeTheAppAsync(attacker, original, user);

        var newState = await attacker.NavigateAsync(Swap(resume, new Dictionary<string, string> { ["state"] = "chosen-state" }));
        var newNonce = await attacker.NavigateAsync(Swap(resume, new Dictionary<string, string> { ["nonce"] = "chosen-nonce" }));

        SignInPage.On(attacker, newState);
        SignInPage.On(attacker, newNonce);
    }

    /// <summary>Signs in through the form but does not follow the last redirect: returns the authorize URL (with tx) it points to.</summary>
    private static async Task<string> SignInButStopBeforeTheAppAsync(Browser browser, AuthorizeRequest request, TestUser user)
    {
        var page = await SignInPage.OpenAsync(browser, request);
        using var submission = browser.FormSubmission(page.Page, "form#localAccountForm", new Dictionary<string, string>
        {
            [PageElementIds.SignInName] = user.Email,
            [PageElementIds.Password] = user.Password,
        }, PageElementIds.Next);
        using var response = await browser.Client.SendAsync(submission);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("tx=", location, StringComparison.Ordinal);
        return location;
    }

    private static string Swap(string url, IReadOnlyDictionary<string, string> changes)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var parameters = QueryHelpers.ParseQuery(url[query..]).ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            parameters[name] = value;
        }

        return QueryHelpers.AddQueryString(url[..query], parameters);
    }
}

public sealed class JourneyReplayTestsOnSqlite(ResetFactory<Sqlite> server) : JourneyReplayTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class JourneyReplayTestsOnPostgres(ResetFactory<Postgres> server) : JourneyReplayTests(server), IClassFixture<ResetFactory<Postgres>>;
