namespace IdP.Server.Tests.Protocol;

/// <summary>
/// B2C's "Require ID Token in logout requests": on a flow with it on, logout (either URL form) signs out only with an
/// <c>id_token_hint</c> that validates and names the flow; anything else gets an error page, keeps the session and
/// audits no sign-out. Off, a logout without a hint signs out as before.
/// </summary>
public abstract class RequireIdTokenInLogoutTests(IdPFactory factory)
{
    private const string SignedOutUri = "https://app.test/signed-out";

    [Fact]
    public async Task Off_a_logout_without_a_hint_still_ends_the_session()
    {
        var user = await SignedInAsync(require: false);
        using var _ = user.Browser;

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "st", policy: user.Policy));

        Assert.Equal("st", result.ToApp()["state"]);
        Assert.Equal("login_required", (await SilentAsync(user))["error"]);
        Assert.Equal(1, await SignOutsAuditedAsync(user.Policy));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_logout_without_a_hint_is_refused_with_AADB2C90272_and_the_session_stays(bool queryForm)
    {
        var user = await SignedInAsync(require: true);
        using var _ = user.Browser;

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "st", policy: user.Policy, queryForm: queryForm));

        Assert.Null(result.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal($"{B2CErrorCodes.IdTokenHintRequired}: {B2CErrorCodes.IdTokenHintRequiredMessage}", result.Text(PageElementIds.ErrorMessage));
        await AssertStillSignedInAsync(user);
    }

    [Fact]
    public async Task On_a_french_browser_gets_AADB2C90272_in_french()
    {
        var user = await SignedInAsync(require: true);
        using var _ = user.Browser;
        user.Browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "st", policy: user.Policy));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("fr", result.Document!.DocumentElement.GetAttribute("lang"));
        Assert.Equal($"{B2CErrorCodes.IdTokenHintRequired}: Le paramètre id_token_hint n’a pas été spécifié dans la demande. Fournissez un jeton et réessayez.", result.Text(PageElementIds.ErrorMessage));
        await AssertStillSignedInAsync(user);
    }

    [Fact]
    public async Task On_a_garbled_hint_is_refused_and_the_session_stays()
    {
        var user = await SignedInAsync(require: true);
        using var _ = user.Browser;
        var idToken = user.Tokens["id_token"]!;
        var garbled = idToken[..^8] + (idToken.EndsWith("AAAAAAAA", StringComparison.Ordinal) ? "BBBBBBBB" : "AAAAAAAA");

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "st", garbled, user.Policy));

        AssertInvalidHintPage(result);
        await AssertStillSignedInAsync(user);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_valid_hint_another_flow_issued_is_refused_and_the_session_stays(bool queryForm)
    {
        var user = await SignedInAsync(require: true);
        using var _ = user.Browser;
        // The same app's ID token from the default sign-in flow: it validates (same tenant issuer, keys and audience).
        var other = await factory.SignInNewUserAsync(user.Client);
        using var _o = other.Browser;

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "st", other.Tokens["id_token"], user.Policy, queryForm));

        AssertInvalidHintPage(result);
        await AssertStillSignedInAsync(user);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_valid_hint_of_the_flow_ends_the_session_and_returns_to_the_app_with_state(bool queryForm)
    {
        var user = await SignedInAsync(require: true);
        using var _ = user.Browser;

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "bye-7", user.Tokens["id_token"], user.Policy, queryForm));

        var app = result.ToApp();
        Assert.Equal(SignedOutUri, app.RedirectUri.ToString());
        Assert.Equal("bye-7", app["state"]);
        Assert.Equal("login_required", (await SilentAsync(user))["error"]);
        Assert.Equal(1, await SignOutsAuditedAsync(user.Policy));
    }

    [Fact]
    public async Task On_an_expired_hint_of_the_flow_still_ends_the_session()
    {
        var user = await SignedInAsync(require: true);
        using var _ = user.Browser;
        // Past the flow's 60-minute ID token, within its 24-hour session: RP-initiated logout asks the OP to accept it.
        factory.Clock.Advance(TimeSpan.FromMinutes(90));

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "late", user.Tokens["id_token"], user.Policy));

        Assert.Equal("late", result.ToApp()["state"]);
        Assert.Equal("login_required", (await SilentAsync(user))["error"]);
    }

    [Fact]
    public async Task On_a_hint_of_a_flow_that_names_itself_in_acr_ends_the_session()
    {
        var user = await SignedInAsync(require: true, PolicyClaim.Acr);
        using var _ = user.Browser;

        var result = await user.Browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "bye", user.Tokens["id_token"], user.Policy));

        Assert.Equal("bye", result.ToApp()["state"]);
        Assert.Equal("login_required", (await SilentAsync(user))["error"]);
    }

    private static void AssertInvalidHintPage(Navigation result)
    {
        Assert.Null(result.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("id_token_hint", result.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
        Assert.DoesNotContain(B2CErrorCodes.IdTokenHintRequired, result.Body, StringComparison.Ordinal);
    }

    private async Task AssertStillSignedInAsync(FlowUser user)
    {
        Assert.NotNull((await SilentAsync(user))["code"]);
        Assert.Equal(0, await SignOutsAuditedAsync(user.Policy));
    }

    private static async Task<AppResponse> SilentAsync(FlowUser user) =>
        (await user.Browser.NavigateAsync((user.Client.Authorize(user.Policy) with { Prompt = "none" }).Url)).ToApp();

    private Task<int> SignOutsAuditedAsync(string policy) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.SignOut && e.Policy == policy));

    /// <summary>A new user signed in on a new flow of their own, to an app that registered <see cref="SignedOutUri"/>.</summary>
    private async Task<FlowUser> SignedInAsync(bool require, PolicyClaim policyClaim = PolicyClaim.Tfp)
    {
        var flow = await factory.CreateFlowAsync(new UserFlow
        {
            Name = "B2C_1_logouthint" + Guid.NewGuid().ToString("N")[..8],
            NormalizedName = "",
            PolicyClaim = policyClaim,
            RequireIdTokenInLogoutRequests = require,
        });
        var client = await factory.RegisterClientAsync(postLogoutRedirectUris: [SignedOutUri]);
        var user = await factory.CreateUserAsync();
        var browser = factory.CreateBrowser();
        return new FlowUser(flow.Name, browser, client, await browser.SignInAndRedeemAsync(client, user, client.Authorize(flow.Name)));
    }

    private sealed record FlowUser(string Policy, Browser Browser, OidcClient Client, TokenResponse Tokens);
}

public sealed class RequireIdTokenInLogoutTestsOnSqlite(IdPFactory<Sqlite> factory) : RequireIdTokenInLogoutTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class RequireIdTokenInLogoutTestsOnPostgres(IdPFactory<Postgres> factory) : RequireIdTokenInLogoutTests(factory), IClassFixture<IdPFactory<Postgres>>;
