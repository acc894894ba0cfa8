namespace IdP.Server.Tests.RelyingParty;

/// <summary>
/// An ASP.NET Core app using the stock OpenID Connect handler, configured only with the B2C-shaped authority, signs a
/// user in: discovery, PKCE, form_post, code redemption, nonce and signature checks all done by Microsoft's code.
/// </summary>
public abstract class OpenIdConnectRelyingPartyTests(IdPFactory factory)
{
    private static readonly string Authority = $"{IdPFactory.Origin}/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/";

    [Fact]
    public async Task A_confidential_web_app_signs_a_user_in_and_shows_their_claims()
    {
        var user = await factory.CreateUserAsync();
        var secret = "rp-secret-" + Guid.NewGuid().ToString("N");
        var clientId = await RegisterAsync(secret);
        await using var rp = await RelyingPartyApp.StartAsync(factory, Authority, clientId, secret);
        using var browser = factory.CreateBrowser().AddHost(RelyingPartyApp.Host, rp.CreateHandler());

        var page = await SignInAtTheAppAsync(browser, user);

        Assert.Equal(new Uri(RelyingPartyApp.Origin + RelyingPartyApp.ProtectedPath), page.Url);
        Assert.Equal("Hello Test User", page.Text("hello"));
        Assert.Equal(user.Account.Id.ToString("D"), Claim(page, "sub"));
        Assert.Equal(user.Account.Id.ToString("D"), Claim(page, "oid"));
        Assert.Equal(IdPFactory.SignInPolicy, Claim(page, "tfp"));
        Assert.Equal(user.Email, Claim(page, "emails"));
        Assert.Equal("Test", Claim(page, "given_name"));
        Assert.Equal("User", Claim(page, "family_name"));
    }

    [Fact]
    public async Task A_public_app_signs_a_user_in_with_pkce_alone()
    {
        var user = await factory.CreateUserAsync();
        var clientId = await RegisterAsync(secret: null);
        await using var rp = await RelyingPartyApp.StartAsync(factory, Authority, clientId, clientSecret: null);
        using var browser = factory.CreateBrowser().AddHost(RelyingPartyApp.Host, rp.CreateHandler());

        var page = await SignInAtTheAppAsync(browser, user);

        Assert.Equal(user.Account.Id.ToString("D"), Claim(page, "sub"));
    }

    [Fact]
    public async Task Signing_out_at_the_app_ends_the_session_at_the_idp_too()
    {
        var user = await factory.CreateUserAsync();
        var clientId = await RegisterAsync(secret: null);
        await using var rp = await RelyingPartyApp.StartAsync(factory, Authority, clientId, clientSecret: null);
        using var browser = factory.CreateBrowser().AddHost(RelyingPartyApp.Host, rp.CreateHandler());
        await SignInAtTheAppAsync(browser, user);

        var signedOut = await browser.NavigateAsync(RelyingPartyApp.Origin + RelyingPartyApp.SignOutPath);
        var again = await browser.NavigateAsync(RelyingPartyApp.Origin + RelyingPartyApp.ProtectedPath);

        Assert.Equal("Signed out of the app.", signedOut.Text("signedOut"));
        SignInPage.On(browser, again);
    }

    private static async Task<Navigation> SignInAtTheAppAsync(Browser browser, TestUser user)
    {
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(RelyingPartyApp.Origin + RelyingPartyApp.ProtectedPath));
        var formPost = await signIn.SignInAsync(user.Email, user.Password);

        // The IdP answers with form_post (the handler's default): the browser auto-submits it to the app.
        Assert.EndsWith(RelyingPartyApp.CallbackUri, formPost.Document?.QuerySelector("form")?.GetAttribute("action"), StringComparison.Ordinal);
        var page = await browser.SubmitAsync(formPost, "form");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    private static string? Claim(Navigation page, string type) =>
        page.Document?.QuerySelector($"dd[data-claim='{type}']")?.TextContent;

    private async Task<string> RegisterAsync(string? secret)
    {
        var clientId = "rp-" + Guid.NewGuid().ToString("N")[..12];
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Relying party")
        {
            RedirectUris = [RelyingPartyApp.CallbackUri],
            PostLogoutRedirectUris = [RelyingPartyApp.SignedOutCallbackUri],
            ClientSecret = secret,
        });
        return clientId;
    }
}

public sealed class OpenIdConnectRelyingPartyTestsOnSqlite(IdPFactory<Sqlite> factory) : OpenIdConnectRelyingPartyTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class OpenIdConnectRelyingPartyTestsOnPostgres(IdPFactory<Postgres> factory) : OpenIdConnectRelyingPartyTests(factory), IClassFixture<IdPFactory<Postgres>>;
