using Microsoft.Playwright;

namespace IdP.Server.Tests.Browsers;

/// <summary>
/// The app the browser tests sign in to: an implicit-flow app, so what the app receives is in the fragment of the page's
/// URL, whose reply URL the page answers itself (no app server).
/// </summary>
public static class BrowserApp
{
    public const string RedirectUri = "https://app.test/callback";

    /// <summary>Every URL of the app, for <see cref="IPage.WaitForURLAsync(string, PageWaitForURLOptions?)"/>.</summary>
    public const string AnyUrl = "https://app.test/**";

    /// <summary>
    /// Registers the app as <paramref name="clientId"/> and returns its authorize URL on <paramref name="policy"/> (the
    /// built-in sign-in flow unless given), with state <c>s1</c>.
    /// </summary>
    public static async Task<string> RegisterAsync(BrowserIdPFactory server, string clientId, string policy = IdPFactory.SignInPolicy)
    {
        ArgumentNullException.ThrowIfNull(server);
        await server.RegisterAppAsync(new AppRegistration(clientId, "Browser app") { RedirectUris = [RedirectUri], AllowImplicitIdToken = true });
        return $"{server.BaseUrl}/{IdPFactory.Tenant}/{policy}/oauth2/v2.0/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}"
            + "&response_type=id_token&scope=openid&nonce=n1&state=s1";
    }

    /// <summary>Makes <paramref name="page"/> answer the app's URLs itself, telling <paramref name="received"/> each URL the app is sent to.</summary>
    public static Task AnswerOnAsync(IPage page, Action<string>? received = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.RouteAsync(AnyUrl, route =>
        {
            received?.Invoke(route.Request.Url);
            return route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<h1>App</h1>" });
        });
    }
}
