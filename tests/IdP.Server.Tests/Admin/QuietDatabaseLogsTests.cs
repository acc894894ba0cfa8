namespace IdP.Server.Tests.Admin;

/// <summary>
/// What the server handles is not an error in its logs: a fresh database's first start (migrations from nothing) and
/// admin API creates that race for the same unique value (the losers get the field error a later create gets) write
/// nothing at Error or Critical level, from EF Core or anyone else.
/// </summary>
public abstract class QuietDatabaseLogsTests(IdPFactory factory, CapturedLogs logs)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public void A_fresh_databases_first_start_logs_no_error()
    {
        // The fixture created the database empty just before this server's start, so every migration ran in it; and
        // the server is up (the start would have thrown otherwise).
        Assert.NotNull(factory.Services);
        AssertNoErrors();
    }

    [Fact]
    public async Task Concurrent_creates_of_one_sign_in_name_or_group_name_give_one_201_field_errors_and_no_error_log()
    {
        await _admin.TokenAsync();
        for (var round = 0; round < 3; round++)
        {
            var email = $"race-{Guid.NewGuid():N}@example.com";
            var group = $"race-{Guid.NewGuid():N}";
            var users = Enumerable.Range(0, 6).Select(_ => _admin.PostAsync("users", new { signInEmail = email, password = "Purple-Otter-Dances-42", displayName = "Race" }));
            var groups = Enumerable.Range(0, 6).Select(_ => _admin.PostAsync("groups", new { name = group }));
            var answers = await Task.WhenAll(users.Concat(groups));

            // One of each is created; every other create is told the name is taken, next to its field, as if it had
            // come a moment later: the race is decided before the database's unique index has to refuse anything.
            Assert.Equal(1, answers.Take(6).Count(a => a.Status == 201));
            Assert.Equal(1, answers.Skip(6).Count(a => a.Status == 201));
            Assert.All(answers.Take(6).Where(a => a.Status != 201), a => a.ExpectInvalid("signInEmail"));
            Assert.All(answers.Skip(6).Where(a => a.Status != 201), a => a.ExpectInvalid("name"));
        }

        Assert.DoesNotContain(logs.Entries, e => e.EventId == 6001);
        AssertNoErrors();
    }

    private void AssertNoErrors()
    {
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Level} {e.Category} [{e.EventId}]: {e.Message} {e.Exception}")));
    }
}

/// <summary>A server on a database of its own, created for it, with its logs kept and the admin API's client.</summary>
public sealed class QuietLogsFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public QuietLogsFactory()
    {
        Logs = Attach(new CapturedLogs());
        AdminApiClient.Configure(this);
    }

    public CapturedLogs Logs { get; }
}

public sealed class QuietDatabaseLogsTestsOnSqlite(QuietLogsFactory<Sqlite> factory) : QuietDatabaseLogsTests(factory, factory.Logs), IClassFixture<QuietLogsFactory<Sqlite>>;

public sealed class QuietDatabaseLogsTestsOnPostgres(QuietLogsFactory<Postgres> factory) : QuietDatabaseLogsTests(factory, factory.Logs), IClassFixture<QuietLogsFactory<Postgres>>;
