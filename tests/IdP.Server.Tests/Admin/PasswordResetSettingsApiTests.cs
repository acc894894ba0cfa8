namespace IdP.Server.Tests.Admin;

/// <summary>
/// The self-service password reset switch through the admin API: it lives in the database, so a change is seen at
/// once by every node on it and by the sign-in page, which shows or hides "Can't access your account?".
/// </summary>
public abstract class PasswordResetSettingsApiTests(IdPFactory factory) : IAsyncLifetime
{
    private readonly AdminApiClient _admin = new(factory);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => (await _admin.PutAsync("settings/password-reset", new { mode = "None" })).Expect(200);

    [Fact]
    public async Task Switching_reset_to_all_shows_the_link_on_the_sign_in_page_and_on_a_second_node_at_once()
    {
        var client = await factory.RegisterClientAsync();
        await using var secondNode = factory.OnSameDatabase();
        await secondNode.InitializeAsync();
        Assert.Equal("None", (await _admin.GetAsync("settings/password-reset")).Expect(200)["mode"]);
        Assert.Null(await ForgotPasswordLinkAsync(factory, client));
        Assert.Null(await ForgotPasswordLinkAsync(secondNode, client));

        var changed = (await _admin.PutAsync("settings/password-reset", new { mode = "All" })).Expect(200);

        Assert.Equal("All", changed["mode"]);
        Assert.NotNull(await ForgotPasswordLinkAsync(factory, client));
        Assert.NotNull(await ForgotPasswordLinkAsync(secondNode, client));
        Assert.Equal("All", (await new AdminApiClient(secondNode).GetAsync("settings/password-reset")).Expect(200)["mode"]);

        (await new AdminApiClient(secondNode).PutAsync("settings/password-reset", new { mode = "None" })).Expect(200);
        Assert.Null(await ForgotPasswordLinkAsync(factory, client));
    }

    [Fact]
    public async Task Selected_takes_an_existing_group_and_bad_values_are_field_errors()
    {
        var group = (await _admin.PostAsync("groups", new { name = "SSPR " + Guid.NewGuid().ToString("N")[..6] })).Expect(201)["id"];

        var selected = (await _admin.PutAsync("settings/password-reset", new { mode = "Selected", groupId = group })).Expect(200);
        Assert.Equal(group, selected["groupId"]);

        (await _admin.PutAsync("settings/password-reset", new { mode = "Selected" })).ExpectInvalid("groupId");
        (await _admin.PutAsync("settings/password-reset", new { mode = "Selected", groupId = Guid.NewGuid() })).ExpectInvalid("groupId");
        (await _admin.PutAsync("settings/password-reset", new { groupId = group })).ExpectInvalid("mode");
        (await _admin.SendAsync(HttpMethod.Put, "settings/password-reset", "{\"mode\": \"Everyone\"}")).ExpectInvalid("mode");
        (await _admin.SendAsync(HttpMethod.Put, "settings/password-reset", "{\"mode\": 2}")).ExpectInvalid("mode");
        Assert.Equal("Selected", (await _admin.GetAsync("settings/password-reset")).Expect(200)["mode"]);
    }

    private static async Task<string?> ForgotPasswordLinkAsync(IdPFactory server, OidcClient client)
    {
        using var browser = server.CreateBrowser();
        var request = new OidcClient(server, client.ClientId, client.RedirectUri).Authorize();
        return SignInPage.On(browser, await browser.NavigateAsync(request.Url)).ForgotPasswordHref;
    }
}

public sealed class PasswordResetSettingsApiTestsOnSqlite(AdminApiFactory<Sqlite> factory) : PasswordResetSettingsApiTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class PasswordResetSettingsApiTestsOnPostgres(AdminApiFactory<Postgres> factory) : PasswordResetSettingsApiTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
