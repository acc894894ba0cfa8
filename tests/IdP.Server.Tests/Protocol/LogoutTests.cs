namespace IdP.Server.Tests.Protocol;

/// <summary>Logout ends the SSO session and returns to a registered post-logout URI with the app's state.</summary>
public abstract class LogoutTests(IdPFactory factory)
{
    private const string SignedOutUri = "https://app.test/signed-out";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Logout_with_a_registered_uri_returns_there_with_state_and_ends_the_session(bool queryForm)
    {
        var (browser, client, tokens) = await SignedInAsync();
        using var _ = browser;

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "bye-123", tokens["id_token"], queryForm: queryForm));

        var app = result.ToApp();
        Assert.Equal(SignedOutUri, app.RedirectUri.ToString());
        Assert.Equal("bye-123", app["state"]);
        await SignInPage.OpenAsync(browser, client.Authorize());
    }

    [Fact]
    public async Task Logout_with_an_unregistered_uri_shows_an_error_page_and_keeps_the_browser_here()
    {
        var (browser, client, tokens) = await SignedInAsync();
        using var _ = browser;

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl("https://evil.test/", "s", tokens["id_token"]));

        Assert.Null(result.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Text(PageElementIds.ErrorMessage)));
        Assert.NotNull(result.Text("correlationId"));
    }

    [Fact]
    public async Task Logout_without_a_redirect_uri_shows_the_signed_out_page_and_ends_the_session()
    {
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl());

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("signed out", result.Body, StringComparison.OrdinalIgnoreCase);
        await SignInPage.OpenAsync(browser, client.Authorize());
    }

    [Fact]
    public async Task An_id_token_hint_that_is_not_ours_is_refused_and_keeps_the_session()
    {
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "s", "not.a.token"));

        Assert.Null(result.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.NotNull((await browser.NavigateAsync(client.Authorize().Url)).ToApp()["code"]);
    }

    [Fact]
    public async Task Logout_with_the_id_token_of_a_revoked_grant_still_ends_the_session_and_returns_to_the_app()
    {
        var (browser, client, tokens) = await SignedInAsync();
        using var _b = browser;
        var subject = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["id_token"]).Subject;
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IOpenIddictAuthorizationManager>().RevokeBySubjectAsync(subject);
            await sp.GetRequiredService<IOpenIddictTokenManager>().RevokeBySubjectAsync(subject);
        });
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens["refresh_token"]!)).Error);

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "bye", tokens["id_token"]));

        var app = result.ToApp();
        Assert.Equal(SignedOutUri, app.RedirectUri.ToString());
        Assert.Equal("bye", app["state"]);
        await SignInPage.OpenAsync(browser, client.Authorize());
    }

    [Fact]
    public async Task Logout_without_hint_or_client_id_returns_to_a_post_logout_uri_some_app_registered()
    {
        // msal-browser's logoutRedirect sends neither id_token_hint nor client_id.
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl(SignedOutUri, "st"));

        Assert.Equal("st", result.ToApp()["state"]);
        await SignInPage.OpenAsync(browser, client.Authorize());
    }

    // Without a hint or client_id nothing names the app, so only a URI some application registered is a destination:
    // never an open redirect, whatever the URI looks like next to a registered one.
    [Theory]
    [InlineData("https://evil.test/")]
    [InlineData("https://app.test/signed-out/../../evil")]
    [InlineData("https://app.test/signed-out?next=https://evil.test/")]
    [InlineData("https://app.test/signed-out/")]
    [InlineData("https://app.test.evil.test/signed-out")]
    [InlineData("//evil.test/signed-out")]
    public async Task Logout_without_hint_or_client_id_to_a_uri_no_app_registered_goes_nowhere_and_keeps_the_session(string uri)
    {
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl(uri, "st"));

        Assert.Null(result.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.NotNull((await browser.NavigateAsync((client.Authorize() with { Prompt = "none" }).Url)).ToApp()["code"]);
    }

    [Fact]
    public async Task Logout_naming_an_app_returns_only_to_a_uri_that_app_registered_not_another_apps()
    {
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;
        await factory.RegisterClientAsync(postLogoutRedirectUris: ["https://other.test/signed-out"]);

        var result = await browser.NavigateAsync(OidcClient.LogoutUrl("https://other.test/signed-out", "st", clientId: client.ClientId));

        Assert.Null(result.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
    }

    // Over HTTPS the session cookie is SameSite=None, so a browser sends it with any request from another site, as the
    // test's browser sends its cookies with every request. Such a request ends the session only where a Lax cookie
    // would have come with it too; the browser says which it is in its Fetch Metadata headers.
    [Theory]
    [InlineData("GET", "navigate", "iframe")] // another site's hidden iframe
    [InlineData("GET", "no-cors", "image")] // an <img> on another site
    [InlineData("POST", "navigate", "document")] // a form on another site, posted
    public async Task A_request_from_another_site_that_is_no_top_level_link_leaves_the_session(string method, string mode, string destination)
    {
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;

        await browser.SendAndFollowAsync(FromAnotherSite(new HttpMethod(method), OidcClient.LogoutUrl(), mode, destination));

        var silent = await browser.NavigateAsync((client.Authorize() with { Prompt = "none" }).Url);
        Assert.NotNull(silent.ToApp()["code"]);
    }

    [Fact]
    public async Task A_link_from_another_site_ends_the_session_as_rp_initiated_logout_needs()
    {
        var (browser, client, _) = await SignedInAsync();
        using var _b = browser;

        await browser.SendAndFollowAsync(FromAnotherSite(HttpMethod.Get, OidcClient.LogoutUrl(), "navigate", "document"));

        var silent = await browser.NavigateAsync((client.Authorize() with { Prompt = "none" }).Url);
        Assert.Equal("login_required", silent.ToApp()["error"]);
    }

    private static HttpRequestMessage FromAnotherSite(HttpMethod method, string url, string mode, string destination)
    {
        var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", mode);
        request.Headers.Add("Sec-Fetch-Dest", destination);
        return request;
    }

    private async Task<(Browser Browser, OidcClient Client, TokenResponse Tokens)> SignedInAsync()
    {
        var (browser, client, _, tokens) = await factory.SignInNewUserAsync(await factory.RegisterClientAsync(postLogoutRedirectUris: [SignedOutUri]));
        return (browser, client, tokens);
    }
}

public sealed class LogoutTestsOnSqlite(IdPFactory<Sqlite> factory) : LogoutTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class LogoutTestsOnPostgres(IdPFactory<Postgres> factory) : LogoutTests(factory), IClassFixture<IdPFactory<Postgres>>;
