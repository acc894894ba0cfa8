namespace IdP.Server.Tests.Protocol;

/// <summary>
/// Token errors read as B2C's: the AADB2C code apps branch on, then the correlation id and timestamp, and no
/// OpenIddict documentation link.
/// </summary>
public abstract class TokenErrorTests(IdPFactory factory)
{
    [Fact]
    public async Task An_expired_code_is_aadb2c90080()
    {
        var (client, request, code) = await CodeAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(11));

        var tokens = await client.RedeemCodeAsync(request, code);

        AssertB2C(tokens, "invalid_grant", "AADB2C90080");
    }

    [Fact]
    public async Task A_code_used_twice_is_aadb2c90129()
    {
        var (client, request, code) = await CodeAsync();
        Assert.Equal(200, (await client.RedeemCodeAsync(request, code)).Status);

        var again = await client.RedeemCodeAsync(request, code);

        AssertB2C(again, "invalid_grant", "AADB2C90129");
    }

    [Fact]
    public async Task A_refresh_token_past_its_lifetime_is_aadb2c90080()
    {
        var (client, request, code) = await CodeAsync();
        var tokens = await client.RedeemCodeAsync(request, code);
        factory.Clock.Advance(TimeSpan.FromDays(15));

        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!);

        AssertB2C(refreshed, "invalid_grant", "AADB2C90080");
    }

    [Fact]
    public async Task A_wrong_client_secret_is_aadb2c90081_and_a_missing_one_aadb2c90079()
    {
        var secret = "web-app-secret-" + Guid.NewGuid();
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(secret: secret);
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var code = (await browser.SignInThroughFormAsync(request, user)).ToApp()["code"]!;

        var wrong = await new OidcClient(factory, client.ClientId, client.RedirectUri) { ClientSecret = secret + "x" }.RedeemCodeAsync(request, code);
        var missing = await new OidcClient(factory, client.ClientId, client.RedirectUri).RedeemCodeAsync(request, code);

        AssertB2C(wrong, "invalid_client", "AADB2C90081");
        AssertB2C(missing, "invalid_client", "AADB2C90079");
    }

    [Fact]
    public async Task An_unsupported_grant_type_is_aadb2c90086()
    {
        var client = await factory.RegisterClientAsync();

        var tokens = await client.PostTokenAsync(IdPFactory.SignInPolicy, false, new() { ["grant_type"] = "password", ["username"] = "a", ["password"] = "b" });

        AssertB2C(tokens, "unsupported_grant_type", "AADB2C90086");
    }

    private static void AssertB2C(TokenResponse response, string error, string code)
    {
        Assert.Equal(error, response.Error);
        Assert.StartsWith(code + ":", response.ErrorDescription, StringComparison.Ordinal);
        Assert.Matches(@" Correlation ID: [0-9A-Za-z:.-]+ Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", response.ErrorDescription);
        Assert.Null(response["error_uri"]);
    }

    private async Task<(OidcClient Client, AuthorizeRequest Request, string Code)> CodeAsync()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        return (client, request, (await browser.SignInThroughFormAsync(request, user)).ToApp()["code"]!);
    }
}

public sealed class TokenErrorTestsOnSqlite(IdPFactory<Sqlite> factory) : TokenErrorTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TokenErrorTestsOnPostgres(IdPFactory<Postgres> factory) : TokenErrorTests(factory), IClassFixture<IdPFactory<Postgres>>;
