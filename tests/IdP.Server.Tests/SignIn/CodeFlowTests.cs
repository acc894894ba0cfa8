namespace IdP.Server.Tests.SignIn;

/// <summary>The authorization code flow with PKCE through the real sign-in form, on each database provider.</summary>
public abstract class CodeFlowTests(IdPFactory factory) : IAsyncLifetime
{
    private const string RedirectUri = "https://app.test/callback";
    private readonly string _clientId = "app-" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => factory.RegisterAppAsync(new AppRegistration(_clientId, "Test app") { RedirectUris = [RedirectUri] });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Code_flow_with_pkce_returns_an_id_token_signed_by_the_jwks_with_b2c_claims()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var account = await factory.CreateAccountAsync(email, "Correct-Horse-9", displayName: "Ada Lovelace");
        using var browser = factory.CreateBrowser();
        var client = new OidcClient(factory, _clientId, RedirectUri);
        var request = client.Authorize();

        var signIn = await SignInPage.OpenAsync(browser, request);
        Assert.Equal("Email Address", signIn.SignInNameLabel);
        var app = (await signIn.SignInAsync(email.ToUpperInvariant(), "Correct-Horse-9")).ToApp();

        Assert.Equal(RedirectUri, app.RedirectUri.ToString());
        Assert.Equal(request.State, app["state"]);
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);
        Assert.Equal(200, tokens.Status);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!);
        var tenantId = await factory.WithDbAsync(db => Task.FromResult(db.Tenants.Single().Id));
        Assert.Equal($"{IdPFactory.Origin}/{tenantId:D}/v2.0/", idToken.Issuer);
        Assert.Equal(account.Id.ToString("D"), idToken.Subject);
        Assert.Equal(account.Id.ToString("D"), idToken.GetClaim("oid").Value);
        Assert.Equal(_clientId, Assert.Single(idToken.Audiences));
        Assert.Equal("1.0", idToken.GetClaim("ver").Value);
        Assert.Equal(IdPFactory.SignInPolicy, idToken.GetClaim("tfp").Value);
        Assert.Equal(request.Nonce, idToken.GetClaim("nonce").Value);
        Assert.Equal("Ada Lovelace", idToken.GetClaim("name").Value);
        Assert.Equal("Test", idToken.GetClaim("given_name").Value);
        Assert.Equal("User", idToken.GetClaim("family_name").Value);
        Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out var authTime));
        Assert.InRange(authTime, factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 5, factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 1);
        Assert.True(idToken.TryGetPayloadValue<long>("iat", out _));
        Assert.True(idToken.TryGetPayloadValue<long>("nbf", out _));
        Assert.Equal(60 * 60, (idToken.ValidTo - idToken.IssuedAt).TotalSeconds, 0);
        Assert.True(idToken.TryGetClaim("at_hash", out _), "an ID token issued with an access token carries at_hash");
        Assert.False(string.IsNullOrEmpty(idToken.Kid));
        Assert.Equal("RS256", idToken.Alg);

        var payload = JsonDocument.Parse(Base64UrlDecode(idToken.EncodedPayload)).RootElement;
        Assert.Equal(JsonValueKind.Array, payload.GetProperty("emails").ValueKind);
        Assert.Equal(email, payload.GetProperty("emails")[0].GetString());
        Assert.Equal(JsonValueKind.Number, payload.GetProperty("auth_time").ValueKind);
        Assert.False(payload.TryGetProperty("idp_policy", out _), "private claims must not reach the ID token");
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"]));
    }

    private static string Base64UrlEncoderText(string value) => System.Text.Encoding.UTF8.GetString(Base64UrlDecode(value));

    private static byte[] Base64UrlDecode(string value) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(value);
}

public sealed class CodeFlowTestsOnSqlite(IdPFactory<Sqlite> factory) : CodeFlowTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class CodeFlowTestsOnPostgres(IdPFactory<Postgres> factory) : CodeFlowTests(factory), IClassFixture<IdPFactory<Postgres>>;
