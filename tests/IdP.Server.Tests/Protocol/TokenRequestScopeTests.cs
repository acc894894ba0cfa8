namespace IdP.Server.Tests.Protocol;

/// <summary>
/// MSAL sends <c>scope</c> when it redeems a code and on every refresh (as B2C's docs show). A subset of what the user
/// granted narrows the new tokens; anything else is <c>invalid_scope</c>, never <c>invalid_request</c>.
/// </summary>
public abstract class TokenRequestScopeTests(IdPFactory factory)
{
    [Fact]
    public async Task A_code_redeemed_with_the_scopes_msal_sends_gives_tokens()
    {
        var (client, request, code, _) = await SignedInAsync("openid profile offline_access");

        var tokens = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, Redemption(client, request, code, "openid profile offline_access"));

        Assert.Equal(200, tokens.Status);
        Assert.NotNull(tokens["id_token"]);
        Assert.NotNull(tokens["refresh_token"]);
    }

    [Fact]
    public async Task A_code_redeemed_for_a_subset_narrows_the_access_token()
    {
        var api = await factory.RegisterApiAsync();
        var (client, request, code, _) = await SignedInAsync($"openid offline_access {api.Scope("tasks.read")} {api.Scope("tasks.write")}", [api.Scope("tasks.read"), api.Scope("tasks.write")]);

        var tokens = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, Redemption(client, request, code, $"openid offline_access {api.Scope("tasks.read")}"));

        Assert.Equal(200, tokens.Status);
        Assert.Equal("tasks.read", new JsonWebToken(tokens["access_token"]).GetClaim("scp").Value);
    }

    [Fact]
    public async Task A_code_redeemed_for_a_scope_that_was_not_granted_is_invalid_scope()
    {
        var api = await factory.RegisterApiAsync();
        var (client, request, code, _) = await SignedInAsync($"openid offline_access {api.Scope("tasks.read")}", [api.Scope("tasks.read"), api.Scope("tasks.write")]);

        var tokens = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, Redemption(client, request, code, $"openid offline_access {api.Scope("tasks.write")}"));

        Assert.Equal(400, tokens.Status);
        Assert.Equal("invalid_scope", tokens.Error);
        Assert.StartsWith("AADB2C90117:", tokens.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains(api.Scope("tasks.write"), tokens.ErrorDescription, StringComparison.Ordinal);
        Assert.Null(tokens["access_token"]);
    }

    [Fact]
    public async Task A_refresh_for_a_subset_narrows_and_one_for_more_is_invalid_scope()
    {
        var api = await factory.RegisterApiAsync();
        var (client, request, code, _) = await SignedInAsync($"openid offline_access {api.Scope("tasks.read")} {api.Scope("tasks.write")}", [api.Scope("tasks.read"), api.Scope("tasks.write")]);
        var tokens = await client.RedeemCodeAsync(request, code);

        var wider = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]!, ["scope"] = "openid offline_access email" });
        var narrower = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]!, ["scope"] = $"openid offline_access {api.Scope("tasks.write")}" });

        Assert.Equal("invalid_scope", wider.Error);
        Assert.Equal(200, narrower.Status);
        Assert.Equal(new[] { "offline_access", "openid", api.Scope("tasks.write") }.Order(StringComparer.Ordinal), narrower["scope"]!.Split(' ').Order(StringComparer.Ordinal));
        Assert.Equal("tasks.write", new JsonWebToken(narrower["access_token"]).GetClaim("scp").Value);
        Assert.NotNull(narrower["refresh_token"]);
    }

    [Fact]
    public async Task A_refresh_response_names_its_scopes_even_when_they_are_the_ones_requested()
    {
        var (client, request, code, _) = await SignedInAsync("openid offline_access");
        var tokens = await client.RedeemCodeAsync(request, code);

        var refreshed = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]!, ["scope"] = "openid offline_access" });

        Assert.Equal(["offline_access", "openid"], refreshed["scope"]!.Split(' ').Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Redemption(OidcClient client, AuthorizeRequest request, string code, string scope) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = client.RedirectUri,
        ["code_verifier"] = request.CodeVerifier,
        ["scope"] = scope,
    };

    private async Task<(OidcClient Client, AuthorizeRequest Request, string Code, TestUser User)> SignedInAsync(string scope, IReadOnlyList<string>? permissions = null)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterApiClientAsync(permissions ?? []);
        var request = client.Authorize(scope: scope);
        using var browser = factory.CreateBrowser();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();
        return (client, request, app["code"] ?? throw new InvalidOperationException(app["error_description"]), user);
    }
}

public sealed class TokenRequestScopeTestsOnSqlite(IdPFactory<Sqlite> factory) : TokenRequestScopeTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TokenRequestScopeTestsOnPostgres(IdPFactory<Postgres> factory) : TokenRequestScopeTests(factory), IClassFixture<IdPFactory<Postgres>>;
