namespace IdP.Server.Tests.Performance;

/// <summary>
/// The database work of each request of a full sign-in (authorize, sign-in page, credentials, authorize again, code
/// redemption), counted statement by statement on a warm server: a change that makes a request read a row it has
/// already read, or adds a round trip, fails here (issue 16; bench/results/2026-11-26T2300Z-signin-cpu-profile.md).
/// Configuration (tenant, flow, branding, string overrides, applications, scopes) is kept per node under the
/// configuration stamp, which each request reads once; everything else each request reads once.
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
        Assert.All(requests, request => Assert.Empty(request.Commands
            .Where(c => !MayRepeat(c))
            .GroupBy(c => c, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{request.Method} {request.Path}: {g.Key}")));
        Assert.Equal(
            Expected.Select(e => $"{e.Method} {e.Step}: {e.Statements}"),
            requests.Select(r => $"{r.Method} {Step(r.Path)}: {r.Commands.Count(c => !IsOccasionalPurge(c))}"));
    }

    // The token request, counted statement by statement by TokenWorkPerRequestTests (its code redemption): SQLite sends
    // the new token entries as separate commands, PostgreSQL as one batch.
    protected abstract int TokenStatements { get; }

    // The requests of a sign-in in order, and the statements each runs (Print shows them). Every page request reads the
    // journey and the configuration stamp once each; the tenant, the flow, the branding row and images and the
    // language's string overrides come from the per-node caches filed under the stamp (warm here), so a page request
    // reads no configuration row. Before the pass that removed reads repeated within one request they were 10, 11, 16, 15
    // (and 12 for the token) with two statements per abuse-limit hit; before the page caches 9, 6, 13, 12: each page
    // request read the branding row, the language's overrides, the tenant and the flow (the sign-in page also the
    // branding images) where it now reads the stamp.
    private (string Method, string Step, int Statements)[] Expected =>
    [
        // The stamp (OpenIddict's application, ours and the scopes come from the node's caches under it: 3 reads before
        // the token-side caches; tenant, flow, branding and overrides: 4 before the page caches); the abuse-limit
        // counters; the new journey.
        ("GET", "authorize", 3),
        // Journey, stamp.
        ("GET", "signin", 2),
        // Journey, stamp; the journey's keep-alive; the abuse-limit counters; the account, the sign-in throttle (clear,
        // check); the session, the journey's change, the audit event.
        ("POST", "signin", 10),
        // Journey, stamp (applications and scopes from the caches); the account with its sign-in names (one query since
        // AccountStanding includes them; 13 before the three changes), the journey's completion; OpenIddict's
        // authorization and the code's entry.
        ("GET", "authorize", 6),
        ("POST", "token", TokenStatements),
    ];

    // Statements a request may run more than once because each run touches another row: the abuse-limit counters and
    // the token entries (on SQLite, one INSERT each).
    private static bool MayRepeat(string statement) =>
        statement.Contains("\"RateLimitCounters\"", StringComparison.Ordinal)
        || statement.Contains("INSERT INTO \"OpenIddictTokens\"", StringComparison.Ordinal);

    // One journey start in 50 also deletes expired unattended journeys (JourneyService.PurgeOneIn): chance, not work of
    // this request, so it is left out of the counts.
    private static bool IsOccasionalPurge(string statement) =>
        statement.StartsWith("DELETE FROM \"Journeys\"", StringComparison.Ordinal);

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
    : SignInWorkPerRequestTests(factory, factory.Sql, output), IClassFixture<SqlCountingFactory<Sqlite>>
{
    protected override int TokenStatements => 8;
}

public sealed class SignInWorkPerRequestTestsOnPostgres(SqlCountingFactory<Postgres> factory, ITestOutputHelper output)
    : SignInWorkPerRequestTests(factory, factory.Sql, output), IClassFixture<SqlCountingFactory<Postgres>>
{
    protected override int TokenStatements => 6;
}
