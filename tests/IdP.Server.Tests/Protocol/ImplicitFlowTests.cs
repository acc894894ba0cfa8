namespace IdP.Server.Tests.Protocol;

/// <summary>Implicit id_token (what Run now and jwt.ms use) only for applications that allow it, as B2C's checkbox.</summary>
public abstract class ImplicitFlowTests(IdPFactory factory)
{
    [Fact]
    public async Task An_app_that_allows_implicit_id_tokens_gets_one_in_the_fragment()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        var request = client.Authorize(responseType: "id_token", scope: "openid");
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        Assert.Equal("fragment", app.Mode);
        Assert.Null(app["code"]);
        var idToken = await client.ValidateIdTokenAsync(app["id_token"]!);
        Assert.Equal(request.Nonce, idToken.GetClaim("nonce").Value);
        Assert.Equal(user.Account.Id.ToString("D"), idToken.Subject);
        Assert.False(idToken.TryGetClaim("c_hash", out _), "no code was issued with this id_token");
    }

    [Fact]
    public async Task An_app_that_allows_implicit_access_tokens_gets_id_token_token_for_its_api()
    {
        var user = await factory.CreateUserAsync();
        var api = await factory.RegisterApiAsync();
        var clientId = "implicit-" + Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAppAsync(new IdP.Core.Applications.AppRegistration(clientId, "Legacy SPA")
        {
            SpaRedirectUris = ["https://spa.test/"],
            AllowImplicitAccessToken = true,
            ApiPermissions = [api.Scope("tasks.read")],
        });
        var client = new OidcClient(factory, clientId, "https://spa.test/");
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(client.Authorize(responseType: "id_token token", scope: $"openid {api.Scope("tasks.read")}"), user)).ToApp();

        Assert.Equal("fragment", app.Mode);
        var idToken = await client.ValidateIdTokenAsync(app["id_token"]!);
        Assert.True(idToken.TryGetClaim("at_hash", out _));
        var accessToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(app["access_token"]);
        Assert.Equal([api.ClientId], accessToken.Audiences);
        Assert.Equal("tasks.read", accessToken.GetClaim("scp").Value);
    }

    [Fact]
    public async Task An_app_that_allows_only_implicit_id_tokens_cannot_get_an_access_token_from_authorize()
    {
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(client.Authorize(responseType: "id_token token", scope: $"openid {client.ClientId}").Url)).ToApp();

        Assert.Null(app["access_token"]);
        Assert.NotNull(app["error"]);
    }

    [Fact]
    public async Task An_app_that_allows_implicit_id_tokens_can_ask_for_form_post()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        var request = client.Authorize(responseType: "id_token", scope: "openid") with { ResponseMode = "form_post" };
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        Assert.Equal("form_post", app.Mode);
        await client.ValidateIdTokenAsync(app["id_token"]!);
    }

    [Fact]
    public async Task An_app_that_allows_implicit_id_tokens_can_use_the_hybrid_code_id_token_with_c_hash()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(allowImplicit: true);
        var request = client.Authorize(responseType: "code id_token");
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        Assert.Equal("fragment", app.Mode);
        var idToken = await client.ValidateIdTokenAsync(app["id_token"]!);
        Assert.True(idToken.TryGetClaim("c_hash", out _));
        Assert.Equal(200, (await client.RedeemCodeAsync(request, app["code"]!)).Status);
    }

    [Fact]
    public async Task An_app_that_does_not_allow_implicit_id_tokens_cannot_use_the_hybrid_flow_either()
    {
        var client = await factory.RegisterClientAsync(allowImplicit: false);
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(client.Authorize(responseType: "code id_token").Url)).ToApp();

        Assert.StartsWith(B2CErrorCodes.ImplicitFlowNotAllowed + ":", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_that_does_not_allow_implicit_id_tokens_is_refused_with_AADB2C90057()
    {
        var client = await factory.RegisterClientAsync(allowImplicit: false);
        var request = client.Authorize(responseType: "id_token", scope: "openid");
        using var browser = factory.CreateBrowser();

        var app = (await browser.NavigateAsync(request.Url)).ToApp();

        Assert.Equal(client.RedirectUri, app.RedirectUri.ToString());
        Assert.Equal("unauthorized_client", app["error"]);
        Assert.StartsWith(B2CErrorCodes.ImplicitFlowNotAllowed + ":", app["error_description"], StringComparison.Ordinal);
        Assert.Equal(request.State, app["state"]);
    }
}

public sealed class ImplicitFlowTestsOnSqlite(IdPFactory<Sqlite> factory) : ImplicitFlowTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ImplicitFlowTestsOnPostgres(IdPFactory<Postgres> factory) : ImplicitFlowTests(factory), IClassFixture<IdPFactory<Postgres>>;
