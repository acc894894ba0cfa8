namespace IdP.Server.Tests.Protocol;

/// <summary>A code or refresh token is redeemed only under the user flow that issued it (B2C's AADB2C90088).</summary>
public abstract class CrossPolicyGrantTests(IdPFactory factory) : IAsyncLifetime
{
    private readonly string _otherPolicy = "B2C_1_other" + Guid.NewGuid().ToString("N")[..6];

    public Task InitializeAsync() => factory.CreateFlowAsync(new UserFlow { Name = _otherPolicy, NormalizedName = "" });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_code_redeemed_under_another_policy_is_refused_with_AADB2C90088()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        var tokens = await client.RedeemCodeAsync(request, app["code"]!, policy: _otherPolicy);

        Assert.Equal(400, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
        Assert.StartsWith("AADB2C90088:", tokens.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_redeemed_under_another_policy_is_refused_with_AADB2C90088()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);

        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!, policy: _otherPolicy);

        Assert.Equal(400, refreshed.Status);
        Assert.StartsWith("AADB2C90088:", refreshed.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_of_each_policy_name_their_own_policy()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var request = client.Authorize(policy: _otherPolicy);

        var tokens = await browser.SignInAndRedeemAsync(client, user, request);

        var idToken = await client.ValidateIdTokenAsync(tokens["id_token"]!, _otherPolicy);
        Assert.Equal(_otherPolicy, idToken.GetClaim("tfp").Value);
        Assert.Equal(200, (await client.RefreshAsync(tokens["refresh_token"]!, policy: _otherPolicy)).Status);
    }
}

public sealed class CrossPolicyGrantTestsOnSqlite(IdPFactory<Sqlite> factory) : CrossPolicyGrantTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class CrossPolicyGrantTestsOnPostgres(IdPFactory<Postgres> factory) : CrossPolicyGrantTests(factory), IClassFixture<IdPFactory<Postgres>>;
