namespace IdP.Server.Tests.Admin;

/// <summary>Groups and their members through the admin API.</summary>
public abstract class GroupsApiTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task A_group_is_created_renamed_given_members_and_deleted()
    {
        var name = "Support " + Guid.NewGuid().ToString("N")[..6];
        var created = (await _admin.PostAsync("groups", new { name, description = "Help desk" })).Expect(201);
        var id = created["id"];
        Assert.Equal(0, created.Json.GetProperty("memberCount").GetInt32());
        Assert.Contains((await _admin.GetAsync("groups")).Expect(200).Json.EnumerateArray(), g => g.GetProperty("name").GetString() == name);

        var renamed = (await _admin.PatchAsync($"groups/{id}", new { name = name + " (EU)" })).Expect(200);
        Assert.Equal(name + " (EU)", renamed["name"]);
        Assert.Equal("Help desk", renamed["description"]);

        var alice = await factory.CreateUserAsync();
        var bob = await factory.CreateUserAsync();
        (await _admin.PostAsync($"groups/{id}/members", new { userId = alice.Account.Id })).Expect(200);
        var two = (await _admin.PostAsync($"groups/{id}/members", new { userId = bob.Account.Id })).Expect(200);
        Assert.Equal(2, two.Json.GetProperty("memberCount").GetInt32());
        (await _admin.PostAsync($"groups/{id}/members", new { userId = bob.Account.Id })).Expect(200);

        var members = (await _admin.GetAsync($"groups/{id}/members")).Expect(200);
        Assert.Equal(2, members.Json.GetProperty("total").GetInt32());
        Assert.Contains(members.Json.GetProperty("items").EnumerateArray(), m => m.GetProperty("signInEmail").GetString() == alice.Email);

        (await _admin.DeleteAsync($"groups/{id}/members/{alice.Account.Id}")).Expect(204);
        (await _admin.DeleteAsync($"groups/{id}/members/{alice.Account.Id}")).Expect(404);
        Assert.Equal(1, (await _admin.GetAsync($"groups/{id}")).Expect(200).Json.GetProperty("memberCount").GetInt32());

        (await _admin.DeleteAsync($"groups/{id}")).Expect(204);
        (await _admin.GetAsync($"groups/{id}")).Expect(404);
        (await _admin.GetAsync($"groups/{id}/members")).Expect(404);
    }

    [Fact]
    public async Task Group_errors_name_their_fields()
    {
        var name = "Dup " + Guid.NewGuid().ToString("N")[..6];
        var id = (await _admin.PostAsync("groups", new { name })).Expect(201)["id"];

        (await _admin.PostAsync("groups", new { name })).ExpectInvalid("name");
        (await _admin.PostAsync("groups", new { name = "" })).ExpectInvalid("name");
        (await _admin.PostAsync("groups", new { name = "x" + Guid.NewGuid(), description = new string('d', 2000) })).ExpectInvalid("description");
        (await _admin.PostAsync($"groups/{id}/members", new { userId = Guid.NewGuid() })).ExpectInvalid("accountId");
        (await _admin.PostAsync($"groups/{id}/members", new { })).ExpectInvalid("userId");
        (await _admin.SendAsync(HttpMethod.Post, $"groups/{id}/members", "{\"userId\": \"not-a-guid\"}")).ExpectInvalid("userId");
        (await _admin.PostAsync($"groups/{Guid.NewGuid()}/members", new { userId = Guid.NewGuid() })).Expect(404);
        (await _admin.GetAsync("groups/not-a-guid")).Expect(404);
    }

    [Fact]
    public async Task The_group_password_reset_names_cannot_be_deleted()
    {
        var id = (await _admin.PostAsync("groups", new { name = "Resetters " + Guid.NewGuid().ToString("N")[..6] })).Expect(201)["id"];
        (await _admin.PutAsync("settings/password-reset", new { mode = "Selected", groupId = id })).Expect(200);

        (await _admin.DeleteAsync($"groups/{id}")).ExpectInvalid("id");

        (await _admin.PutAsync("settings/password-reset", new { mode = "None" })).Expect(200);
        (await _admin.DeleteAsync($"groups/{id}")).Expect(204);
    }
}

public sealed class GroupsApiTestsOnSqlite(AdminApiFactory<Sqlite> factory) : GroupsApiTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class GroupsApiTestsOnPostgres(AdminApiFactory<Postgres> factory) : GroupsApiTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
