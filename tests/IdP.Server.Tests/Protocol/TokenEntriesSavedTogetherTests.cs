using OpenIddict.EntityFrameworkCore.Models;

namespace IdP.Server.Tests.Protocol;

/// <summary>
/// The token entries of one token response are saved together, after the tokens are made and before the response is
/// written (issue 16): when the database refuses one of them, the client gets an OAuth error and no token, and none of
/// the response's entries is stored. The refusal is a trigger on the token table for one application and token type.
/// A refused write is never a 500: the client gets <c>temporarily_unavailable</c> (503, Retry-After), which client
/// libraries understand, and nothing of the database's error.
/// </summary>
public abstract class TokenEntriesSavedTogetherTests(IdPFactory factory)
{
    [Fact]
    public async Task A_refresh_whose_id_token_entry_is_refused_returns_an_oauth_error_and_stores_none_of_its_entries()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        var before = await TokenEntriesAsync(client.ClientId);

        var refused = await WithInsertsRefusedAsync(client.ClientId, "id_token", () => client.RefreshAsync(tokens["refresh_token"]!));

        AssertNoToken(refused);

        // Neither the refresh nor the access token's entry (saved with the refused one) exists.
        Assert.Equal(before, await TokenEntriesAsync(client.ClientId));
    }

    [Fact]
    public async Task A_code_redemption_whose_refresh_token_entry_is_refused_returns_an_oauth_error_and_stores_none_of_its_entries()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();
        var before = await TokenEntriesAsync(client.ClientId);

        var refused = await WithInsertsRefusedAsync(client.ClientId, "refresh_token", () => client.RedeemCodeAsync(request, app["code"]!));

        AssertNoToken(refused);
        Assert.Equal(before, await TokenEntriesAsync(client.ClientId));
    }

    [Fact]
    public async Task A_client_credentials_grant_whose_entry_is_refused_returns_an_oauth_error_and_the_next_one_works()
    {
        var api = await factory.RegisterApiAsync();
        var daemon = await factory.RegisterApiClientAsync([api.Scope("tasks.read")], secret: "daemon-secret-" + Guid.NewGuid(), allowClientCredentials: true);

        var refused = await WithInsertsRefusedAsync(daemon.ClientId, "access_token", () => daemon.ClientCredentialsAsync(scope: api.Scope(".default")));
        var after = await daemon.ClientCredentialsAsync(scope: api.Scope(".default"));

        AssertNoToken(refused);
        Assert.Equal(1, await TokenEntriesAsync(daemon.ClientId)); // the second grant's only
        Assert.Equal(200, after.Status);
        Assert.NotNull(after["access_token"]);
    }

    [Fact]
    public async Task A_refresh_whose_refresh_token_the_database_refuses_to_mark_redeemed_returns_an_oauth_error_and_the_token_still_works()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);

        var refused = await WithUpdatesRefusedAsync(client.ClientId, "refresh_token", () => client.RefreshAsync(tokens["refresh_token"]!));
        var retried = await client.RefreshAsync(tokens["refresh_token"]!);

        AssertNoToken(refused);
        Assert.Equal(200, retried.Status);
        Assert.NotNull(retried["access_token"]);
    }

    [Fact]
    public async Task A_sign_in_whose_code_entry_is_refused_sends_the_app_temporarily_unavailable_and_no_code()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();

        var app = await WithInsertsRefusedAsync(client.ClientId, "authorization_code", async () => (await browser.SignInThroughFormAsync(request, user)).ToApp());

        Assert.Equal("temporarily_unavailable", app["error"]);
        Assert.Null(app["code"]);
        Assert.DoesNotContain("refused by the test", app["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorize_request_whose_journey_the_database_refuses_shows_the_try_again_page_not_a_500()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        var page = await factory.WithTriggerAsync("Journeys", "INSERT", "1 = 1", TriggerAction.Refuse, () => browser.NavigateAsync(client.Authorize().Url));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.NotNull(page.ById("correlationId"));
        Assert.DoesNotContain("refused by the test", page.Body, StringComparison.Ordinal);
    }

    private static void AssertNoToken(TokenResponse response)
    {
        Assert.Equal(503, response.Status);
        Assert.Equal("temporarily_unavailable", response.Error);
        Assert.NotNull(response.RetryAfter);
        Assert.StartsWith("application/json", response.MediaType, StringComparison.Ordinal);
        Assert.DoesNotContain("refused by the test", response.Json.GetRawText(), StringComparison.Ordinal);
        Assert.Null(response["access_token"]);
        Assert.Null(response["refresh_token"]);
        Assert.Null(response["id_token"]);
    }

    private Task<int> TokenEntriesAsync(string clientId) =>
        factory.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Application!.ClientId == clientId));

    /// <summary>Runs <paramref name="request"/> while the database refuses new entries of <paramref name="type"/> for the client.</summary>
    private Task<T> WithInsertsRefusedAsync<T>(string clientId, string type, Func<Task<T>> request) => WithRefusedAsync("INSERT", clientId, type, request);

    /// <summary>Runs <paramref name="request"/> while the database refuses changes to the client's entries of <paramref name="type"/>.</summary>
    private Task<T> WithUpdatesRefusedAsync<T>(string clientId, string type, Func<Task<T>> request) => WithRefusedAsync("UPDATE", clientId, type, request);

    private async Task<T> WithRefusedAsync<T>(string operation, string clientId, string type, Func<Task<T>> request)
    {
        var applicationId = await factory.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().Where(a => a.ClientId == clientId).Select(a => a.Id!).SingleAsync());
        return await factory.WithTriggerAsync("OpenIddictTokens", operation, $"NEW.\"ApplicationId\" = '{applicationId}' AND NEW.\"Type\" LIKE '%{type}'", TriggerAction.Refuse, request);
    }
}

public sealed class TokenEntriesSavedTogetherTestsOnSqlite(IdPFactory<Sqlite> factory) : TokenEntriesSavedTogetherTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class TokenEntriesSavedTogetherTestsOnPostgres(IdPFactory<Postgres> factory) : TokenEntriesSavedTogetherTests(factory), IClassFixture<IdPFactory<Postgres>>;
