namespace IdP.Server.Tests.Infrastructure;

/// <summary>A person with a local account: what they type to sign in, and the account it opens.</summary>
public sealed record TestUser(string Email, string Password, Account Account);

/// <summary>A new user signed in to an app in a browser of their own (which the test disposes), with the app's tokens.</summary>
public sealed record SignedInUser(Browser Browser, OidcClient Client, TestUser User, TokenResponse Tokens);

/// <summary>Multi-step journeys written once, so a test reads as the story it checks.</summary>
public static class UserStories
{
    public const string Password = "Correct-Horse-9";

    /// <summary>Creates an account with a fresh email address and <see cref="Password"/>.</summary>
    public static async Task<TestUser> CreateUserAsync(this IdPFactory factory, string? username = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = $"{Guid.NewGuid():N}@example.com";
        var account = await factory.CreateAccountAsync(email, Password, username);
        return new TestUser(email, Password, account);
    }

    /// <summary>Registers a public app (PKCE) with one reply URL, or a confidential one when a secret is given.</summary>
    public static async Task<OidcClient> RegisterClientAsync(this IdPFactory factory, string redirectUri = "https://app.test/callback", string? secret = null, bool allowImplicit = false, bool allowClientCredentials = false, IReadOnlyList<string>? postLogoutRedirectUris = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var clientId = "app-" + Guid.NewGuid().ToString("N")[..12];
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Test app")
        {
            RedirectUris = [redirectUri],
            ClientSecret = secret,
            AllowImplicitIdToken = allowImplicit,
            AllowClientCredentials = allowClientCredentials,
            PostLogoutRedirectUris = postLogoutRedirectUris,
        });
        return new OidcClient(factory, clientId, redirectUri) { ClientSecret = secret };
    }

    /// <summary>Opens the authorize URL, expects the sign-in page, and signs in through its form.</summary>
    public static async Task<Navigation> SignInThroughFormAsync(this Browser browser, AuthorizeRequest request, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var page = await SignInPage.OpenAsync(browser, request);
        return await page.SignInAsync(user.Email, user.Password);
    }

    /// <summary>Signs in through the form with the code flow and redeems the code: the app's tokens.</summary>
    public static async Task<TokenResponse> SignInAndRedeemAsync(this Browser browser, OidcClient client, TestUser user, AuthorizeRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        request ??= client.Authorize();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();
        var code = app["code"] ?? throw new InvalidOperationException("No code: " + string.Join("&", app.Parameters.Select(p => $"{p.Key}={p.Value}")));
        var tokens = await client.RedeemCodeAsync(request, code);
        Assert.Equal(200, tokens.Status);
        return tokens;
    }

    /// <summary>
    /// A new user signs in through the form, in a new browser, to <paramref name="client"/> (a new public app when none
    /// is given), and the app redeems the code.
    /// </summary>
    public static async Task<SignedInUser> SignInNewUserAsync(this IdPFactory factory, OidcClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await factory.CreateUserAsync();
        client ??= await factory.RegisterClientAsync();
        var browser = factory.CreateBrowser();
        return new SignedInUser(browser, client, user, await browser.SignInAndRedeemAsync(client, user));
    }
}
