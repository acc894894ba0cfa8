using IdP.Server.SignIn;
using Microsoft.Net.Http.Headers;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// The SSO cookie's attributes. Over HTTPS it is SameSite=None (and Secure), as B2C's session cookies are, so an app on
/// another site signs in silently in a hidden iframe (msal-browser's ssoSilent; NodeClientTests drives it in Chromium).
/// Over plain HTTP it stays Lax: browsers drop SameSite=None without Secure, and the session would never start.
/// </summary>
public abstract class SsoSessionCookieTests(IdPFactory factory)
{
    [Fact]
    public async Task Over_https_the_session_cookie_is_SameSite_None_Secure_and_HttpOnly()
    {
        var cookie = await SessionCookieOfSignInAsync(Uri.UriSchemeHttps);

        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.None, cookie.SameSite);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task Over_plain_http_the_session_cookie_stays_SameSite_Lax_so_browsers_keep_it()
    {
        var cookie = await SessionCookieOfSignInAsync(Uri.UriSchemeHttp);

        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.False(cookie.Secure);
        Assert.True(cookie.HttpOnly);
    }

    /// <summary>The session cookie set by the answer to the sign-in form, posted over <paramref name="scheme"/>.</summary>
    private async Task<SetCookieHeaderValue> SessionCookieOfSignInAsync(string scheme)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var page = await SignInPage.OpenAsync(browser, client.Authorize());
        using var submission = page.SignInSubmission(user.Email, user.Password);
        submission.RequestUri = new UriBuilder(submission.RequestUri!) { Scheme = scheme, Port = -1 }.Uri;

        using var answer = await browser.Client.SendAsync(submission);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var cookies = SetCookieHeaderValue.ParseList(answer.Headers.GetValues(HeaderNames.SetCookie).ToList());
        return Assert.Single(cookies, c => c.Name.Equals(SsoSession.CookieName, StringComparison.Ordinal));
    }
}

public sealed class SsoSessionCookieTestsOnSqlite(IdPFactory<Sqlite> factory) : SsoSessionCookieTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class SsoSessionCookieTestsOnPostgres(IdPFactory<Postgres> factory) : SsoSessionCookieTests(factory), IClassFixture<IdPFactory<Postgres>>;
