using Microsoft.Identity.Client.Extensibility;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// What the system browser does for a desktop app, done over HTTP: MSAL hands over the authorize URL, the user signs in
/// on the IdP's real page (form, antiforgery token, cookies), and the navigation to the app's redirect URI, which a
/// desktop app intercepts rather than loads, goes back to MSAL with the code. The browser and its cookies outlive one
/// sign-in, as a real browser's do, so the IdP's session carries over to the next one.
/// </summary>
internal sealed class SignInPageWebUi(Browser browser, TestUser user) : ICustomWebUi
{
    /// <summary>How many times the user was shown the sign-in page (not at all when the IdP session signed them in).</summary>
    public int SignInPagesShown { get; private set; }

    /// <summary>The sign-in page as it was last shown, before the user typed anything.</summary>
    public Navigation? LastSignInPage { get; private set; }

    public async Task<Uri> AcquireAuthorizationCodeAsync(Uri authorizationUri, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizationUri);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var page = await browser.NavigateAsync(authorizationUri.AbsoluteUri);
        if (page.ExternalRedirect is null)
        {
            SignInPagesShown++;
            LastSignInPage = page;
            page = await SignInPage.On(browser, page).SignInAsync(user.Email, user.Password);
        }

        var landed = page.ExternalRedirect
            ?? throw new InvalidOperationException($"The IdP did not send the browser back to the app; it stayed at {page.Url} ({(int)page.Status}): {page.Body[..Math.Min(page.Body.Length, 600)]}");
        if (!string.Equals(landed.GetLeftPart(UriPartial.Path), redirectUri.GetLeftPart(UriPartial.Path), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The IdP sent the browser to {landed}, not to the redirect URI {redirectUri}.");
        }

        return landed;
    }
}
