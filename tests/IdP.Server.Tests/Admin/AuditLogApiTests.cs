namespace IdP.Server.Tests.Admin;

/// <summary>Every administrative change writes an audit event (actor, action, target, summary; no secret), read back filtered.</summary>
public abstract class AuditLogApiTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task Each_change_is_audited_with_actor_action_target_and_summary_and_never_a_password()
    {
        const string password = "Silver-Falcon-Rises-3";
        var user = (await _admin.PostAsync("users", new { signInEmail = $"audit.{Guid.NewGuid():N}@example.com", password })).Expect(201);
        var id = user["id"]!;
        (await _admin.PatchAsync($"users/{id}", new { displayName = "Audited" })).Expect(200);
        (await _admin.PutAsync($"users/{id}/password", new { password = "Golden-Badger-Hums-8" })).Expect(200);
        (await _admin.PostAsync($"users/{id}/disable")).Expect(200);

        var events = (await _admin.GetAsync($"audit-log?account={id}")).Expect(200);

        var items = events.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["admin.user.disabled", "admin.user.password_set", "admin.user.updated", "admin.user.created"], items.Select(e => e.GetProperty("type").GetString()));
        Assert.All(items, e => Assert.Equal(AdminApiClient.ClientId, e.GetProperty("clientId").GetString()));
        Assert.All(items, e => Assert.StartsWith($"user:{id}: ", e.GetProperty("details").GetString(), StringComparison.Ordinal));
        Assert.Contains("displayName", items[2].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, events.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Golden-Badger-Hums-8", events.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_changes_write_nothing()
    {
        var before = (await _admin.GetAsync("audit-log?type=admin.*")).Expect(200).Json.GetProperty("total").GetInt32();

        (await _admin.PostAsync("groups", new { name = "" })).ExpectInvalid("name");
        (await _admin.PostAsync("users", new { signInEmail = "x@example.com", password = "weak" })).ExpectInvalid("password");

        Assert.Equal(before, (await _admin.GetAsync("audit-log?type=admin.*")).Expect(200).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_log_is_filtered_by_type_and_time_and_paged()
    {
        var from = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 3; i++)
        {
            (await _admin.PostAsync("groups", new { name = $"Audit {i} {Guid.NewGuid():N}" })).Expect(201);
        }

        var to = factory.Clock.GetUtcNow().AddSeconds(1);
        var query = $"audit-log?type=admin.group.created&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var page = (await _admin.GetAsync(query + "&pageSize=2")).Expect(200);
        Assert.Equal(3, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(2, page.Json.GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await _admin.GetAsync(query + "&pageSize=2&page=2")).Expect(200).Json.GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await _admin.GetAsync($"audit-log?type=admin.group.created&from={Uri.EscapeDataString(to.AddHours(1).ToString("O"))}")).Expect(200).Json.GetProperty("total").GetInt32());
        (await _admin.GetAsync($"audit-log?from={Uri.EscapeDataString(to.ToString("O"))}&to={Uri.EscapeDataString(from.ToString("O"))}")).ExpectInvalid("to");
        Assert.Equal("application/problem+json", (await _admin.GetAsync("audit-log?from=yesterday")).Expect(400).MediaType);
    }

    [Fact]
    public async Task Times_with_an_offset_filter_the_same_instants_as_in_utc()
    {
        // A window of its own on the shared clock, apart from the other tests' events.
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var from = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _admin.PostAsync("groups", new { name = $"Offset {Guid.NewGuid():N}" })).Expect(201);
        var to = factory.Clock.GetUtcNow().AddSeconds(1);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        // The same two instants as a client east (+14:00) and west (-05:30) of UTC writes them.
        foreach (var offset in new[] { TimeSpan.FromHours(14), -TimeSpan.FromMinutes(330) })
        {
            var query = $"audit-log?type=admin.group.created&from={Uri.EscapeDataString(from.ToOffset(offset).ToString("O"))}&to={Uri.EscapeDataString(to.ToOffset(offset).ToString("O"))}";
            Assert.Equal(1, (await _admin.GetAsync(query)).Expect(200).Json.GetProperty("total").GetInt32());
        }
    }
}

public sealed class AuditLogApiTestsOnSqlite(AdminApiFactory<Sqlite> factory) : AuditLogApiTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class AuditLogApiTestsOnPostgres(AdminApiFactory<Postgres> factory) : AuditLogApiTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
