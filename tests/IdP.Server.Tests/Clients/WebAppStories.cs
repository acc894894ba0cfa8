namespace IdP.Server.Tests.Clients;

/// <summary>A person using a Microsoft.Identity.Web app in a browser: the app and the IdP on their own HTTPS ports.</summary>
internal static class WebAppStories
{
    /// <summary>A cookie-keeping browser that goes wherever the app and the IdP send it.</summary>
    public static Browser CreateBrowser(ClientsIdPFactory idp, IdentityWebApp app) =>
        Browser.OverNetwork(TestCertificates.CreateTrustingHandler(), app.BaseUrl, new Uri(idp.BaseUrl));

    /// <summary>
    /// Opens a protected page of the app, signs in on the IdP's page it is sent to, and lets the IdP's form_post page
    /// submit itself back to the app, as a browser runs its script: where the user lands.
    /// </summary>
    public static async Task<Navigation> SignInAtAsync(this Browser browser, IdentityWebApp app, string path, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(app.Url(path).AbsoluteUri));
        var formPost = await signIn.SignInAsync(user.Email, user.Password);

        Assert.True(
            formPost.Document?.QuerySelector("form")?.GetAttribute("action") == app.Url(IdentityWebApp.CallbackPath).AbsoluteUri,
            $"Expected the IdP's form_post to the app's callback, got {(int)formPost.Status} at {formPost.Url}: {formPost.Body[..Math.Min(600, formPost.Body.Length)]}");
        var landed = await browser.SubmitAsync(formPost, "form");
        Assert.True(
            landed.Status == HttpStatusCode.OK && landed.Url == app.Url(path),
            $"Expected {app.Url(path)}, got {(int)landed.Status} at {landed.Url}: {landed.Body[..Math.Min(600, landed.Body.Length)]}{Environment.NewLine}{app.Failures}");
        return landed;
    }
}
