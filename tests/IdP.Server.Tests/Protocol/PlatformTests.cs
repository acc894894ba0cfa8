namespace IdP.Server.Tests.Protocol;

/// <summary>What each platform of an app registration means at sign-in: SPA refresh tokens, loopback ports for desktop apps.</summary>
public abstract class PlatformTests(IdPFactory factory)
{
    [Fact]
    public async Task A_spa_refresh_token_ends_24_hours_after_sign_in_while_a_web_apps_keeps_working()
    {
        var user = await factory.CreateUserAsync();
        var spa = await factory.RegisterApiClientAsync([], spa: true, redirectUri: "https://spa.test/");
        var web = await factory.RegisterClientAsync();
        using var spaBrowser = factory.CreateBrowser();
        using var webBrowser = factory.CreateBrowser();
        var spaTokens = await spaBrowser.SignInAndRedeemAsync(spa, user);
        var webTokens = await webBrowser.SignInAndRedeemAsync(web, user);

        factory.Clock.Advance(TimeSpan.FromHours(23));
        var spaRefreshed = await spa.RefreshAsync(spaTokens["refresh_token"]!);
        Assert.Equal(200, spaRefreshed.Status);
        Assert.InRange(RefreshTokenExpiresIn(spaRefreshed), 1, 3600);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var spaAfterADay = await spa.RefreshAsync(spaRefreshed["refresh_token"]!);
        var webAfterADay = await web.RefreshAsync(webTokens["refresh_token"]!);

        Assert.Equal("invalid_grant", spaAfterADay.Error);
        Assert.StartsWith(B2CErrorCodes.GrantExpired, spaAfterADay.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(200, webAfterADay.Status);
    }

    [Fact]
    public async Task A_desktop_app_registered_at_a_loopback_address_may_use_any_port_there_but_a_web_app_may_not()
    {
        var user = await factory.CreateUserAsync();
        var desktopId = "desktop-" + Guid.NewGuid().ToString("N")[..8];
        var webId = "web-" + Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAppAsync(new AppRegistration(desktopId, "Desktop app") { PublicClientRedirectUris = ["http://127.0.0.1/callback"] });
        await factory.RegisterAppAsync(new AppRegistration(webId, "Web app") { RedirectUris = ["http://127.0.0.1/callback"] });
        var desktop = new OidcClient(factory, desktopId, "http://127.0.0.1:49321/callback");
        var web = new OidcClient(factory, webId, "http://127.0.0.1:49321/callback");
        using var browser = factory.CreateBrowser();

        var tokens = await browser.SignInAndRedeemAsync(desktop, user);
        var refused = await browser.NavigateAsync(web.Authorize().Url);

        Assert.NotNull(tokens["access_token"]);
        Assert.Null(refused.ExternalRedirect);
        Assert.Equal(B2CErrorCodes.RedirectUriNotRegisteredDescription(web.RedirectUri, webId), refused.Text(PageElementIds.ErrorMessage));
    }

    // Any port is the only freedom a loopback reply URL has: another path, host, scheme or an added query is another URL.
    [Theory]
    [InlineData("http://127.0.0.1:49321/other")]
    [InlineData("http://127.0.0.1:49321/callback?next=https://evil.test/")]
    [InlineData("http://localhost:49321/callback")]
    [InlineData("https://127.0.0.1:49321/callback")]
    public async Task A_desktop_app_at_a_loopback_address_is_refused_another_path_host_scheme_or_query_there(string redirectUri)
    {
        var desktopId = "desktop-" + Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAppAsync(new AppRegistration(desktopId, "Desktop app") { PublicClientRedirectUris = ["http://127.0.0.1/callback"] });
        var desktop = new OidcClient(factory, desktopId, redirectUri);
        using var browser = factory.CreateBrowser();

        var refused = await browser.NavigateAsync(desktop.Authorize().Url);

        Assert.Null(refused.ExternalRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(B2CErrorCodes.RedirectUriNotRegisteredDescription(redirectUri, desktopId), refused.Text(PageElementIds.ErrorMessage));
    }

    private static long RefreshTokenExpiresIn(TokenResponse response) =>
        response.Json.TryGetProperty("refresh_token_expires_in", out var value) ? value.GetInt64()
            : throw new InvalidOperationException("The SPA's refresh response says nothing about its refresh token's lifetime: " + response.Json);
}

public sealed class PlatformTestsOnSqlite(IdPFactory<Sqlite> factory) : PlatformTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class PlatformTestsOnPostgres(IdPFactory<Postgres> factory) : PlatformTests(factory), IClassFixture<IdPFactory<Postgres>>;
