using IdP.Core.Data;

namespace IdP.Server.Tests.Hosting;

/// <summary>
/// Two requests (or nodes) racing to insert the same row: the loser learns so as a value, with no duplicate-key error
/// in the logs and, on PostgreSQL, without aborting the transaction it runs in.
/// </summary>
public abstract class DuplicateKeyRaceTests(DuplicateKeyRaceTests.Server server)
{
    [Fact]
    public async Task A_lost_insert_race_answers_false_without_an_error_log_or_a_broken_transaction()
    {
        var key = Guid.NewGuid().ToString("N");
        // Whole seconds: SQLite's stored form of dates keeps a tenth of a millisecond, however the row is written.
        var now = new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
        var logged = server.Logs.Entries.Count;
        await server.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IdPDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await db.TryInsertAsync(db.SignInThrottles, new SignInThrottle { KeyHash = key, FailedCount = 1, UpdatedAt = now }, CancellationToken.None));
            Assert.False(await db.TryInsertAsync(db.SignInThrottles, new SignInThrottle { KeyHash = key, FailedCount = 7, UpdatedAt = now }, CancellationToken.None));

            // The transaction still works, and holds the first row as written (dates and nulls through the model's conversions).
            var row = await db.SignInThrottles.AsNoTracking().SingleAsync(t => t.KeyHash == key);
            Assert.Equal((1, now, (DateTimeOffset?)null), (row.FailedCount, row.UpdatedAt, row.LockedUntil));
            await transaction.CommitAsync();
        });

        Assert.DoesNotContain(server.Logs.Entries.Skip(logged), e => e.Level >= LogLevel.Error);
    }

    public abstract class Server : IdPFactory
    {
        protected Server(ITestDatabase database)
            : base(database) => Logs = Attach(new CapturedLogs());

        public CapturedLogs Logs { get; }
    }

    public sealed class OnSqlite() : Server(new Sqlite());

    public sealed class OnPostgres() : Server(new Postgres());
}

public sealed class DuplicateKeyRaceTestsOnSqlite(DuplicateKeyRaceTests.OnSqlite server) : DuplicateKeyRaceTests(server), IClassFixture<DuplicateKeyRaceTests.OnSqlite>;

public sealed class DuplicateKeyRaceTestsOnPostgres(DuplicateKeyRaceTests.OnPostgres server) : DuplicateKeyRaceTests(server), IClassFixture<DuplicateKeyRaceTests.OnPostgres>;
