namespace IdP.Server.Tests.Clients;

/// <summary>
/// A web app on Microsoft.Identity.Web that only signs users in (the library's default: an ID token by form_post)
/// signs a user in through the IdP, shows who they are, and signs them out of the app and the IdP.
/// </summary>
public sealed class IdentityWebAppTests(IdentityWebAppTests.Fixture idp) : IClassFixture<IdentityWebAppTests.Fixture>
{
    [Fact]
    public async Task Signing_in_at_the_app_shows_the_user_and_their_claims_on_a_protected_page()
    {
        var user = await idp.CreateUserAsync();
        using var browser = WebAppStories.CreateBrowser(idp, idp.App);

        var page = await browser.SignInAtAsync(idp.App, IdentityWebApp.ProtectedPath, user);

        Assert.Equal("Hello Test User", page.Text("hello"));
        Assert.Equal(user.Account.Id.ToString("D"), Claim(page, "http://schemas.microsoft.com/identity/claims/objectidentifier"));
        Assert.Equal(user.Email, Claim(page, "emails"));
        Assert.Equal(IdPFactory.SignInPolicy, Claim(page, "tfp"));
    }

    [Fact]
    public async Task Signing_out_at_the_app_ends_the_idp_session_and_lands_back_at_the_app()
    {
        var user = await idp.CreateUserAsync();
        using var browser = WebAppStories.CreateBrowser(idp, idp.App);
        await browser.SignInAtAsync(idp.App, IdentityWebApp.ProtectedPath, user);

        var signedOut = await browser.NavigateAsync(idp.App.Url(IdentityWebApp.SignOutPath).AbsoluteUri);

        // The app's home is reached only through its signed-out callback, which the IdP's logout sends the browser to.
        Assert.Equal(idp.App.Url("/"), signedOut.Url);
        Assert.Equal(HttpStatusCode.OK, signedOut.Status);
        Assert.Equal("Not signed in", signedOut.Text("home"));
        SignInPage.On(browser, await browser.NavigateAsync(idp.App.Url(IdentityWebApp.ProtectedPath).AbsoluteUri));
    }

    private static string? Claim(Navigation page, string type) =>
        page.Document?.QuerySelector($"dd[data-claim='{type}']")?.TextContent;

    /// <summary>The IdP with the web app running against it.</summary>
    public sealed class Fixture : ClientsIdPFactory
    {
        private IdentityWebApp? _app;

        public IdentityWebApp App => _app ?? throw new InvalidOperationException("The web app is not started.");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            _app = Running(await IdentityWebApp.StartSigningInAsync(this));
        }
    }
}
