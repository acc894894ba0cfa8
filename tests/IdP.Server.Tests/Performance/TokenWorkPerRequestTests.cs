namespace IdP.Server.Tests.Performance;

/// <summary>
/// The database work of the two hottest token requests, counted statement by statement: a change that adds a round
/// trip to a client-credentials or refresh grant fails here, whatever the machine's speed (issue 16; bench/README.md).
/// Counted on a warm server (the request before the measured one is the same kind), as in steady load.
/// </summary>
public abstract class TokenWorkPerRequestTests(IdPFactory factory, RequestSqlRecorder sql, ITestOutputHelper output)
{
    /// <summary>
    /// Commands (round trips) of a refresh grant. The three token entries are one SaveChanges (TokenEntryBatch): one
    /// command of three INSERTs on PostgreSQL; SQLite's provider sends each INSERT as its own command, in the one
    /// transaction of that SaveChanges.
    /// </summary>
    protected abstract int RefreshStatements { get; }

    /// <summary>
    /// Commands of a code redemption (the token request that ends every sign-in): the configuration stamp, the
    /// abuse-limit counters, the code's entry (with its application and authorization), the account with its sign-in
    /// names (one query), OpenIddict's redeeming UPDATE of the code, and the three new entries as for a refresh.
    /// OpenIddict's application, ours and the scopes come from the node's caches under the stamp. Was 12 on both before
    /// the second pass, 11/9 before the account and its names became one query, 10/8 before the stamped caches.
    /// </summary>
    protected abstract int CodeRedemptionStatements { get; }

    [Fact]
    public async Task A_client_credentials_grant_for_an_api_runs_a_fixed_small_number_of_statements()
    {
        var api = await factory.RegisterApiAsync();
        var daemon = await factory.RegisterApiClientAsync([api.Scope("tasks.read")], secret: "daemon-secret-" + Guid.NewGuid(), allowClientCredentials: true);
        Assert.Equal(200, (await daemon.ClientCredentialsAsync(scope: api.Scope(".default"))).Status);

        var tokens = await daemon.ClientCredentialsAsync(scope: api.Scope(".default"));

        Assert.Equal(200, tokens.Status);
        var statements = sql.LastPost();
        Print(statements);
        Assert.Equal(ClientCredentialsStatements, statements.Count);
    }

    [Fact]
    public async Task A_refresh_grant_runs_a_fixed_small_number_of_statements()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);
        var warm = await client.RefreshAsync(tokens["refresh_token"]!);
        Assert.Equal(200, warm.Status);

        var refreshed = await client.RefreshAsync(warm["refresh_token"]!);

        Assert.Equal(200, refreshed.Status);
        var statements = sql.LastPost();
        Print(statements);
        Assert.Equal(RefreshStatements, statements.Count);
    }

    [Fact]
    public async Task A_code_redemption_runs_a_fixed_small_number_of_statements()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using (var warm = factory.CreateBrowser())
        {
            Assert.Equal(200, (await warm.SignInAndRedeemAsync(client, user)).Status);
        }

        // A second browser signs in through the form again (the first one's session would answer with SSO).
        using var browser = factory.CreateBrowser();
        var request = client.Authorize();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();

        var tokens = await client.RedeemCodeAsync(request, app["code"]!);

        Assert.Equal(200, tokens.Status);
        var statements = sql.LastPost();
        Print(statements);
        Assert.Equal(CodeRedemptionStatements, statements.Count);
    }

    // Left: the configuration stamp (read once per request; everything configuration then comes from this node's
    // caches filed under it: tenant, flow, the requested scopes, OpenIddict's application, ours with its secrets, the API
    // application the /.default permission names, the granted scopes' resources), the abuse-limit counters (address
    // and network in one upsert), and the access token's entry (kept: our own APIs validate token entries). Was 12
    // before issue 16's first pass, 8 before its second, 7 before the stamped caches.
    private static readonly int ClientCredentialsStatements = 3;

    // Refresh, left: the configuration stamp, the abuse-limit counters (one upsert), the presented token with its
    // application and authorization (one query), the account with its sign-in names (stamp check, claims; one query),
    // the one conditional UPDATE that redeems the token (RedeemRefreshTokenOnce; OpenIddict's second UPDATE of the row
    // is gone) and the three new entries (refresh, access, ID token) in one SaveChanges. OpenIddict's application and
    // the scopes come from the caches under the stamp. Was 15 before issue 16's first pass, 11 before its second, 8
    // (SQLite 10) before its third, 7 (SQLite 9) before the stamped caches.

    private void Print(IReadOnlyList<string> statements)
    {
        foreach (var statement in statements)
        {
            output.WriteLine(statement.ReplaceLineEndings(" "));
            output.WriteLine("--");
        }
    }
}

/// <summary>A server that records the SQL of each POST.</summary>
public class SqlCountingFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public SqlCountingFactory() => Sql = Attach(new RequestSqlRecorder());

    public RequestSqlRecorder Sql { get; }
}

public sealed class TokenWorkPerRequestTestsOnSqlite(SqlCountingFactory<Sqlite> factory, ITestOutputHelper output)
    : TokenWorkPerRequestTests(factory, factory.Sql, output), IClassFixture<SqlCountingFactory<Sqlite>>
{
    // The three entries' INSERTs are three commands here (one transaction).
    protected override int RefreshStatements => 8;

    protected override int CodeRedemptionStatements => 8;
}

public sealed class TokenWorkPerRequestTestsOnPostgres(SqlCountingFactory<Postgres> factory, ITestOutputHelper output)
    : TokenWorkPerRequestTests(factory, factory.Sql, output), IClassFixture<SqlCountingFactory<Postgres>>
{
    protected override int RefreshStatements => 6;

    protected override int CodeRedemptionStatements => 6;
}
