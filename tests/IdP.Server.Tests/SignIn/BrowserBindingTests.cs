using IdP.Server.Hosting;
using IdP.Server.Journeys;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// The browser-binding cookie ties journeys to the browser. It is SameSite=Lax, so a browser does not send it with a
/// cross-site POST (an app's form-posted authorize request): such a request must not replace it, or every other
/// journey open in that browser would end with "session expired".
/// </summary>
public abstract class BrowserBindingTests(IdPFactory factory)
{
    private const string AuthorizePath = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize";

    [Fact]
    public async Task A_cross_site_posted_authorize_request_is_sent_back_as_a_get_and_keeps_the_browsers_other_journeys()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var firstRequest = client.Authorize();
        var firstTab = await SignInPage.OpenAsync(browser, firstRequest);
        var secondRequest = client.Authorize();

        // What a browser does with a cross-site form post: no Lax cookies go with it, but cookies it sets are kept.
        using var crossSite = factory.CreateHttpClient();
        using var posted = await crossSite.PostAsync(AuthorizePath, new FormUrlEncodedContent(Parameters(secondRequest.Url)));
        if (posted.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                browser.Cookies.SetCookies(new Uri(IdPFactory.Origin), header);
            }
        }

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.ToString();
        Assert.StartsWith(AuthorizePath + "?", location, StringComparison.Ordinal);
        Assert.Equal(Parameters(secondRequest.Url), Parameters(location));
        Assert.DoesNotContain(setCookies ?? [], c => c.StartsWith(BrowserBinding.CookieName + "=", StringComparison.Ordinal));

        var secondTab = SignInPage.On(browser, await browser.NavigateAsync(location));
        var firstApp = (await firstTab.SignInAsync(user.Email, user.Password)).ToApp();
        var secondApp = (await secondTab.SignInAsync(user.Email, user.Password)).ToApp();
        Assert.Equal(firstRequest.State, firstApp["state"]);
        Assert.NotNull(firstApp["code"]);
        Assert.Equal(secondRequest.State, secondApp["state"]);
        Assert.NotNull(secondApp["code"]);
    }

    [Fact]
    public async Task A_same_site_posted_authorize_request_with_the_cookie_starts_its_journey_at_once()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        await SignInPage.OpenAsync(browser, client.Authorize());

        var page = await browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, AuthorizePath)
        {
            Content = new FormUrlEncodedContent(Parameters(client.Authorize().Url)),
        });

        SignInPage.On(browser, page);
        Assert.Contains("/signin?tx=", page.Url.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Parameters(string url) =>
        QueryHelpers.ParseQuery(url[url.IndexOf('?', StringComparison.Ordinal)..]).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}

public sealed class BrowserBindingTestsOnSqlite(IdPFactory<Sqlite> factory) : BrowserBindingTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class BrowserBindingTestsOnPostgres(IdPFactory<Postgres> factory) : BrowserBindingTests(factory), IClassFixture<IdPFactory<Postgres>>;

/// <summary>The cookie's attributes, which do not depend on the database.</summary>
public sealed class BrowserBindingCookieTests
{
    [Fact]
    public void The_cookie_is_secure_when_the_server_requires_https_even_on_a_plain_http_request()
    {
        var context = Context(requireHttps: true);

        BrowserBinding.GetOrCreate(context);

        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith(BrowserBinding.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_cookie_is_not_secure_on_plain_http_when_https_is_not_required()
    {
        var context = Context(requireHttps: false);

        BrowserBinding.GetOrCreate(context);

        Assert.DoesNotContain("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static DefaultHttpContext Context(bool requireHttps)
    {
        var services = new ServiceCollection();
        services.AddOptions<ServerOptions>().Configure(o => o.RequireHttps = requireHttps);
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("idp.test");
        return context;
    }
}
