namespace IdP.Server.Tests.RunNow;

/// <summary>With <c>IdP:RunNow:Enabled=false</c> nothing of Run now exists, and the built-in application is gone.</summary>
public abstract class RunNowSwitchedOffTests(IdPFactory factory)
{
    [Theory]
    [InlineData("/contoso/B2C_1_signin/run-now")]
    [InlineData("/contoso/run-now?p=B2C_1_signin")]
    [InlineData("/contoso/run-now/result")]
    [InlineData("/contoso/run-now/flows")]
    public async Task Run_now_pages_do_not_exist(string url)
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.NavigateAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Null(page.ExternalRedirect);
    }

    [Fact]
    public async Task A_form_post_to_the_viewer_is_not_processed()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, "/contoso/run-now/result")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "s", ["id_token"] = "a.b.c" }),
        });

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task The_built_in_application_is_not_registered_so_its_client_id_gets_AADB2C90006()
    {
        using var browser = factory.CreateBrowser();
        var viewer = $"{IdPFactory.Origin}/{IdPFactory.Tenant}/run-now/result";

        var page = await browser.NavigateAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize?client_id={RunNowApplication.ClientId}"
            + $"&redirect_uri={Uri.EscapeDataString(viewer)}&response_type=id_token&scope=openid&nonce=n&response_mode=form_post");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.StartsWith(B2CErrorCodes.RedirectUriNotRegistered, page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().Any(a => a.ClientId == RunNowApplication.ClientId))));
    }
}

public sealed class RunNowSwitchedOffTestsOnSqlite(RunNowDisabledFactory<Sqlite> factory) : RunNowSwitchedOffTests(factory), IClassFixture<RunNowDisabledFactory<Sqlite>>;

public sealed class RunNowSwitchedOffTestsOnPostgres(RunNowDisabledFactory<Postgres> factory) : RunNowSwitchedOffTests(factory), IClassFixture<RunNowDisabledFactory<Postgres>>;
