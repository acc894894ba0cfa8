using IdP.Core.Journeys;

namespace IdP.Server.Tests.Protocol;

/// <summary>
/// The authorize request is kept in the journey and replayed as a GET after our pages, so it must fit the journey's
/// column and a server's request line. Longer requests are refused up front with the bad-request page.
/// </summary>
public abstract class LongAuthorizeRequestTests(IdPFactory factory)
{
    [Fact]
    public async Task A_posted_authorize_request_too_long_to_replay_gets_the_bad_request_page()
    {
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize() with { State = new string('s', 9000) };
        using var browser = factory.CreateBrowser();

        var page = await browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize")
        {
            Content = new FormUrlEncodedContent(Query(request.Url)),
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.ExternalRedirect);
        Assert.Contains("too long", page.Text(PageElementIds.ErrorMessage), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.Journeys.Count(j => j.ClientId == client.ClientId))));
    }

    [Fact]
    public async Task A_get_just_over_the_limit_is_refused_and_one_within_it_signs_in()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var baseLength = client.Authorize().Url.Length - client.Authorize().State.Length;
        var longest = client.Authorize() with { State = new string('s', AuthorizeRequestLimits.MaxLength - baseLength - 100) };
        var tooLong = client.Authorize() with { State = new string('s', AuthorizeRequestLimits.MaxLength - baseLength + 100) };
        using var browser = factory.CreateBrowser();

        var refused = await browser.NavigateAsync(tooLong.Url);
        var app = (await browser.SignInThroughFormAsync(longest, user)).ToApp();

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(longest.State, app["state"]);
        Assert.NotNull(app["code"]);
    }

    private static Dictionary<string, string> Query(string url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri(IdPFactory.Origin), url).Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}

public sealed class LongAuthorizeRequestTestsOnSqlite(IdPFactory<Sqlite> factory) : LongAuthorizeRequestTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class LongAuthorizeRequestTestsOnPostgres(IdPFactory<Postgres> factory) : LongAuthorizeRequestTests(factory), IClassFixture<IdPFactory<Postgres>>;
