using IdP.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IdP.Server.Tests.Performance;

/// <summary>
/// The database work of each request of a full sign-in (authorize, sign-in page, credentials, authorize again, code
/// redemption), counted statement by statement on a warm server: a change that makes a request read a row it has
/// already read, or adds a round trip, fails here (issue 16; bench/results/2026-11-26T2300Z-signin-cpu-profile.md).
/// Nothing is cached across requests: each request reads what it needs once.
/// </summary>
public abstract class SignInWorkPerRequestTests(IdPFactory factory, RequestSqlRecorder sql, ITestOutputHelper output)
{
    [Fact]
    public async Task Each_request_of_a_full_sign_in_runs_a_fixed_small_number_of_statements()
    {
        var client = await factory.RegisterClientAsync();
        sql.RecordEveryRequest = true;
        using (var warm = factory.CreateBrowser())
        {
            await warm.SignInAndRedeemAsync(client, await factory.CreateUserAsync());
        }

        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var before = sql.Requests().Count;

        await browser.SignInAndRedeemAsync(client, user);

        var requests = sql.Requests().Skip(before).ToList();
        Print(requests);
        Assert.Equal(
            Expected.Select(e => $"{e.Method} {e.Step}: {e.Statements}"),
            requests.Select(r => $"{r.Method} {Step(r.Path)}: {r.Commands.Count}"));
    }

    // The requests of a sign-in in order, and the statements each runs. See Print's output for the statements.
    private static readonly (string Method, string Step, int Statements)[] Expected =
    [
        ("GET", "authorize", 10),
        ("GET", "signin", 11),
        ("POST", "signin", 16),
        ("GET", "authorize", 15),
        ("POST", "token", 12),
    ];

    private static string Step(string path) =>
        path.Contains("/oauth2/v2.0/authorize", StringComparison.Ordinal) ? "authorize"
        : path.Contains("/oauth2/v2.0/token", StringComparison.Ordinal) ? "token"
        : path.Contains("signin", StringComparison.OrdinalIgnoreCase) ? "signin"
        : path;

    private void Print(IReadOnlyList<RecordedRequest> requests)
    {
        foreach (var request in requests)
        {
            output.WriteLine($"==== {request.Method} {request.Path}: {request.Commands.Count} statements");
            var repeated = request.Commands.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var statement in request.Commands)
            {
                output.WriteLine((repeated.Contains(statement) ? "[REPEATED] " : "") + statement.ReplaceLineEndings(" "));
                output.WriteLine("--");
            }
        }
    }
}

public sealed class SignInWorkPerRequestTestsOnSqlite(SqlCountingFactory<Sqlite> factory, ITestOutputHelper output)
    : SignInWorkPerRequestTests(factory, factory.Sql, output), IClassFixture<SqlCountingFactory<Sqlite>>;

public sealed class SignInWorkPerRequestTestsOnPostgres(SqlCountingFactory<Postgres> factory, ITestOutputHelper output)
    : SignInWorkPerRequestTests(factory, factory.Sql, output), IClassFixture<SqlCountingFactory<Postgres>>;
