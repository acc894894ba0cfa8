namespace IdP.Server.Tests.Protocol;

/// <summary>
/// What an authorize request must carry: a nonce when the response itself carries an ID token, PKCE (S256) for public
/// clients, a known client and reply URL.
/// </summary>
public abstract class AuthorizeRequestRulesTests(IdPFactory factory)
{
    [Fact]
    public async Task An_id_token_request_without_a_nonce_is_refused_to_the_app()
    {
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        var request = client.Authorize(responseType: "id_token", scope: "openid") with { Nonce = null };
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(request.Url)).ToApp();

        Assert.Equal("invalid_request", app["error"]);
        Assert.Contains("nonce", app["error_description"], StringComparison.Ordinal);
        Assert.Null(app["id_token"]);
    }

    [Fact]
    public async Task A_code_id_token_request_without_a_nonce_is_refused_to_the_app()
    {
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        var request = client.Authorize(responseType: "code id_token") with { Nonce = null };
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(request.Url)).ToApp();

        Assert.Equal("invalid_request", app["error"]);
        Assert.Contains("nonce", app["error_description"], StringComparison.Ordinal);
        Assert.Null(app["code"]);
    }

    [Fact]
    public async Task The_code_flow_works_without_a_nonce_and_its_id_token_has_none()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { Nonce = null };
        using var browser = factory.CreateBrowser();

        var tokens = await browser.SignInAndRedeemAsync(client, user, request);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);
        Assert.False(idToken.TryGetPayloadValue<string>("nonce", out _));
        Assert.Equal(user.Account.Id.ToString("D"), idToken.Subject);
    }

    [Fact]
    public async Task A_public_client_without_pkce_is_refused()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { Pkce = false };
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(request.Url)).ToApp();

        Assert.Equal("invalid_request", app["error"]);
        Assert.Contains("code_challenge", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_with_secrets_and_a_spa_reply_url_without_pkce_is_refused_at_both_reply_urls()
    {
        // A SPA cannot keep a secret, so the app's secrets do not bind its codes: PKCE does, whichever reply URL asks.
        var clientId = "spa-" + Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAppAsync(new AppRegistration(clientId, "SPA with a back end")
        {
            SpaRedirectUris = ["https://spa.test/callback"],
            RedirectUris = ["https://app.test/callback"],
            ClientSecret = "back-end-secret-0123456789abcdef",
        });
        using var browser = factory.CreateBrowser();

        foreach (var redirectUri in new[] { "https://spa.test/callback", "https://app.test/callback" })
        {
            var request = new OidcClient(factory, clientId, redirectUri).Authorize() with { Pkce = false };
            var app = (await browser.NavigateAsync(request.Url)).ToApp();

            Assert.Equal("invalid_request", app["error"]);
            Assert.Contains("code_challenge", app["error_description"], StringComparison.Ordinal);
            Assert.Null(app["code"]);
        }
    }

    [Fact]
    public async Task The_plain_code_challenge_method_is_refused()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { Pkce = false };
        var url = request.Url + "&code_challenge=" + request.CodeVerifier + "&code_challenge_method=plain";
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(url)).ToApp();

        Assert.Equal("invalid_request", app["error"]);
        Assert.Contains("code_challenge_method", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_cannot_be_redeemed_with_the_wrong_code_verifier()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        var tokens = await client.RedeemCodeAsync(request with { CodeVerifier = request.CodeVerifier + "x" }, app["code"]!);

        Assert.Equal(400, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_shows_AADB2C90006_and_never_redirects()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { RedirectUri = "https://evil.test/callback" };
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(request.Url);

        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(
            B2CErrorCodes.RedirectUriNotRegisteredDescription("https://evil.test/callback", client.ClientId),
            page.Text(PageElementIds.ErrorMessage));
    }

    // Near misses of the registered https://app.test/callback: the match is exact, so a longer path, another case,
    // a trailing slash or an added query is another reply URL.
    [Theory]
    [InlineData("https://app.test/callback/../../evil")]
    [InlineData("https://app.test/callbackevil")]
    [InlineData("https://app.test/CALLBACK")]
    [InlineData("https://app.test/callback/")]
    [InlineData("https://app.test/callback?next=https://evil.test/")]
    public async Task A_reply_url_that_only_resembles_the_registered_one_shows_AADB2C90006_and_never_redirects(string nearMiss)
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { RedirectUri = nearMiss };
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(request.Url);

        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(B2CErrorCodes.RedirectUriNotRegisteredDescription(nearMiss, client.ClientId), page.Text(PageElementIds.ErrorMessage));
    }

    [Fact]
    public async Task An_unknown_client_shows_AADB2C90006_and_never_redirects()
    {
        var request = new AuthorizeRequest("no-such-app", "https://app.test/callback", IdPFactory.SignInPolicy, "code", "openid");
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(request.Url);

        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.StartsWith(B2CErrorCodes.RedirectUriNotRegistered + ": ", page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
        Assert.Contains("no-such-app", page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_client_id_shows_an_error_page()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize?response_type=code&scope=openid&nonce=n");

        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("client_id", page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_query_form_of_the_authorize_endpoint_signs_in_too()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { QueryForm = true };
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!, queryForm: true);

        Assert.Equal(200, tokens.Status);
        await client.ValidateIdTokenAsync(tokens["id_token"]!);
    }

    [Fact]
    public async Task An_authorize_post_is_accepted_like_a_get()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri(IdPFactory.Origin), request.Url).Query);
        using var post = new HttpRequestMessage(HttpMethod.Post, request.Url.Split('?')[0])
        {
            Content = new FormUrlEncodedContent(query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()))),
        };

        var signIn = Pages.SignInPage.On(browser, await browser.SendAndFollowAsync(post));
        var app = (await signIn.SignInAsync(user.Email, user.Password)).ToApp();

        Assert.Equal(200, (await client.RedeemCodeAsync(request, app["code"]!)).Status);
    }
}

public sealed class AuthorizeRequestRulesTestsOnSqlite(IdPFactory<Sqlite> factory) : AuthorizeRequestRulesTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class AuthorizeRequestRulesTestsOnPostgres(IdPFactory<Postgres> factory) : AuthorizeRequestRulesTests(factory), IClassFixture<IdPFactory<Postgres>>;
