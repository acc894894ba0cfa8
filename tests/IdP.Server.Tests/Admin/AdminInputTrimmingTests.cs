namespace IdP.Server.Tests.Admin;

/// <summary>
/// Spaces around what an administrator types are never meant: the admin API stores names and descriptions trimmed, as
/// the portal always did, and an identifier with spaces around it (a client id, a flow name) is the identifier without
/// them, so the same input gives the same result whichever way it was sent.
/// </summary>
public abstract class AdminInputTrimmingTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task A_users_names_are_stored_trimmed_on_create_and_on_change()
    {
        var email = $"trim-{Guid.NewGuid():N}@example.com";
        var created = (await _admin.PostAsync("users", new { signInEmail = email, password = "Blue-Kettle-Sings-7", displayName = "  Ada Lovelace ", givenName = " Ada", surname = "Lovelace  " })).Expect(201);
        var changed = (await _admin.PatchAsync($"users/{created["id"]}", new { displayName = " Countess of Lovelace  ", surname = "   " })).Expect(200);

        Assert.Equal(("Ada Lovelace", "Ada", "Lovelace"), (created["displayName"], created["givenName"], created["surname"]));
        Assert.Equal("Countess of Lovelace", changed["displayName"]);
        Assert.Equal(JsonValueKind.Null, changed.Json.GetProperty("surname").ValueKind);
    }

    [Fact]
    public async Task A_groups_name_and_description_are_stored_trimmed()
    {
        var name = "help-" + Guid.NewGuid().ToString("N")[..8];
        var created = (await _admin.PostAsync("groups", new { name = $" {name} ", description = " Help desk  " })).Expect(201);
        var changed = (await _admin.PatchAsync($"groups/{created["id"]}", new { description = "  Second line " })).Expect(200);

        Assert.Equal((name, "Help desk"), (created["name"], created["description"]));
        Assert.Equal("Second line", changed["description"]);
    }

    [Fact]
    public async Task An_applications_client_id_and_display_name_are_taken_without_surrounding_spaces()
    {
        var clientId = "trim-" + Guid.NewGuid().ToString("N")[..8];
        var created = (await _admin.PostAsync("applications", new { clientId = $" {clientId}  ", displayName = "  Contoso web ", redirectUris = new[] { "https://web.contoso.test/cb" } })).Expect(201);

        Assert.Equal((clientId, "Contoso web"), (created["clientId"], created["displayName"]));
        Assert.Equal($"/admin/api/applications/{clientId}", created.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_flow_name_is_taken_without_surrounding_spaces()
    {
        var name = "trim_" + Guid.NewGuid().ToString("N")[..8];

        var created = (await _admin.PostAsync("user-flows", new { name = $"  {name} ", type = "SignIn" })).Expect(201);

        Assert.Equal("B2C_1_" + name, created["name"]);
    }
}

public sealed class AdminInputTrimmingTestsOnSqlite(AdminApiFactory<Sqlite> factory) : AdminInputTrimmingTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class AdminInputTrimmingTestsOnPostgres(AdminApiFactory<Postgres> factory) : AdminInputTrimmingTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
