namespace IdP.Server.Tests.Protocol;

/// <summary>The authorization response reaches the app by query, fragment or form_post, as the app asks.</summary>
public abstract class ResponseModeTests(IdPFactory factory)
{
    [Theory]
    [InlineData("query")]
    [InlineData("fragment")]
    [InlineData("form_post")]
    public async Task The_code_arrives_in_the_requested_response_mode(string mode)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { ResponseMode = mode };
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        Assert.Equal(mode, app.Mode);
        Assert.Equal(client.RedirectUri, app.RedirectUri.ToString());
        Assert.Equal(request.State, app["state"]);
        Assert.Equal(200, (await client.RedeemCodeAsync(request, app["code"]!)).Status);
    }

    [Fact]
    public async Task The_code_flow_answers_in_the_query_by_default()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var app = (await browser.SignInThroughFormAsync(client.Authorize(), user)).ToApp();

        Assert.Equal("query", app.Mode);
    }

    [Fact]
    public async Task A_cancelled_sign_in_is_reported_in_the_requested_response_mode()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { ResponseMode = "form_post" };
        using var browser = factory.CreateBrowser();

        var signIn = await Pages.SignInPage.OpenAsync(browser, request);
        var app = (await signIn.CancelAsync()).ToApp();

        Assert.Equal("form_post", app.Mode);
        Assert.Equal("access_denied", app["error"]);
    }
}

public sealed class ResponseModeTestsOnSqlite(IdPFactory<Sqlite> factory) : ResponseModeTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ResponseModeTestsOnPostgres(IdPFactory<Postgres> factory) : ResponseModeTests(factory), IClassFixture<IdPFactory<Postgres>>;
