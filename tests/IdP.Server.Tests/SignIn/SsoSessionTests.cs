namespace IdP.Server.Tests.SignIn;

/// <summary>The tenant's single-sign-on session: silent sign-in, prompt=login, prompt=none and max_age.</summary>
public abstract class SsoSessionTests(IdPFactory factory)
{
    [Fact]
    public async Task A_second_authorize_request_signs_in_silently_from_the_session()
    {
        var (browser, client, user, _) = await factory.SignInNewUserAsync();
        using var _ = browser;
        var request = client.Authorize();

        var app = (await browser.NavigateAsync(request.Url)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);
        Assert.Equal(user.Account.Id.ToString("D"), idToken.Subject);
        Assert.Equal(request.Nonce, idToken.GetClaim("nonce").Value);
    }

    [Fact]
    public async Task Prompt_login_shows_the_sign_in_page_despite_the_session()
    {
        var (browser, client, user, _) = await factory.SignInNewUserAsync();
        using var _ = browser;
        var request = client.Authorize() with { Prompt = "login" };

        var page = await SignInPage.OpenAsync(browser, request);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var app = (await page.SignInAsync(user.Email, user.Password)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);
        Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out var authTime));
        Assert.InRange(authTime, factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 2, factory.Clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Prompt_none_without_a_session_returns_AADB2C90077_to_the_app()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync((client.Authorize() with { Prompt = "none" }).Url)).ToApp();

        Assert.Equal("login_required", app["error"]);
        Assert.StartsWith("AADB2C90077", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_age_older_than_the_sign_in_asks_for_credentials_again()
    {
        var (browser, client, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        var tooOld = await browser.NavigateAsync((client.Authorize() with { MaxAge = 60 }).Url);
        var recentEnough = await browser.NavigateAsync((client.Authorize() with { MaxAge = 600 }).Url);

        SignInPage.On(browser, tooOld);
        Assert.NotNull(recentEnough.ToApp()["code"]);
    }

    [Fact]
    public async Task The_session_is_shared_by_the_tenants_user_flows()
    {
        var other = "B2C_1_sso" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateFlowAsync(new UserFlow { Name = other, NormalizedName = "" });
        var (browser, client, _, _) = await factory.SignInNewUserAsync();
        using var _b = browser;
        var request = client.Authorize(policy: other);

        var app = (await browser.NavigateAsync(request.Url)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);

        Assert.Equal(other, (await client.ValidateIdTokenAsync(tokens["id_token"]!, other)).GetClaim("tfp").Value);
    }

    [Fact]
    public async Task A_password_change_ends_the_session()
    {
        var (browser, client, user, _) = await factory.SignInNewUserAsync();
        using var _ = browser;
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(user.Account.Id))!.SecurityStamp = Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });

        await SignInPage.OpenAsync(browser, client.Authorize());
    }
}

public sealed class SsoSessionTestsOnSqlite(IdPFactory<Sqlite> factory) : SsoSessionTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class SsoSessionTestsOnPostgres(IdPFactory<Postgres> factory) : SsoSessionTests(factory), IClassFixture<IdPFactory<Postgres>>;
