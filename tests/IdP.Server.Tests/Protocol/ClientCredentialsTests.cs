namespace IdP.Server.Tests.Protocol;

/// <summary>Confidential applications (daemons, the admin API's callers) get app-only tokens; public ones cannot.</summary>
public abstract class ClientCredentialsTests(IdPFactory factory)
{
    [Fact]
    public async Task A_confidential_app_gets_an_access_token_for_itself()
    {
        var client = await factory.RegisterClientAsync(secret: "s3cret-" + Guid.NewGuid(), allowClientCredentials: true);

        var tokens = await client.ClientCredentialsAsync(scope: client.ClientId);

        Assert.Equal(200, tokens.Status);
        Assert.Null(tokens["refresh_token"]);
        Assert.Null(tokens["id_token"]);
        var accessToken = new JsonWebToken(tokens["access_token"]!);
        Assert.Equal(client.ClientId, accessToken.Subject);
        Assert.Contains(client.ClientId, accessToken.Audiences);
        Assert.Equal(IdPFactory.SignInPolicy, accessToken.GetClaim("tfp").Value);
        Assert.Equal($"{IdPFactory.Origin}/{await factory.TenantIdAsync():D}/v2.0/", accessToken.Issuer);
    }

    [Fact]
    public async Task A_confidential_app_may_send_its_secret_with_http_basic_authentication()
    {
        var secret = "basic-secret-" + Guid.NewGuid();
        var client = await factory.RegisterClientAsync(secret: secret, allowClientCredentials: true);
        using var http = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = client.ClientId }),
        };
        var credentials = $"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("access_token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confidential_app_with_the_wrong_secret_is_refused()
    {
        var client = await factory.RegisterClientAsync(secret: "right-secret-0123456789", allowClientCredentials: true);

        var tokens = await new OidcClient(factory, client.ClientId, client.RedirectUri) { ClientSecret = "wrong-secret-0123456789" }.ClientCredentialsAsync();

        Assert.Equal(401, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
    }

    [Fact]
    public async Task A_confidential_app_not_allowed_the_grant_is_refused()
    {
        var client = await factory.RegisterClientAsync(secret: "s3cret-0123456789abcdef", allowClientCredentials: false);

        var tokens = await client.ClientCredentialsAsync();

        Assert.Equal(400, tokens.Status);
        Assert.Equal("unauthorized_client", tokens.Error);
    }

    [Fact]
    public async Task A_public_app_cannot_use_client_credentials()
    {
        var client = await factory.RegisterClientAsync(allowClientCredentials: true);

        var tokens = await client.ClientCredentialsAsync();

        Assert.Equal(400, tokens.Status);
        Assert.Null(tokens["access_token"]);
        // A public client has no secret to prove who it is, and this grant has nothing else to go on.
        Assert.Equal("invalid_request", tokens.Error);
        Assert.Contains("client_secret", tokens.ErrorDescription, StringComparison.Ordinal);
    }
}

public sealed class ClientCredentialsTestsOnSqlite(IdPFactory<Sqlite> factory) : ClientCredentialsTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ClientCredentialsTestsOnPostgres(IdPFactory<Postgres> factory) : ClientCredentialsTests(factory), IClassFixture<IdPFactory<Postgres>>;
