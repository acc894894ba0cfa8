namespace IdP.Server.Tests.Resilience;

/// <summary>
/// PostgreSQL stopped and started again under load: meanwhile every request gets a 503 (the error page, with
/// <c>Retry-After</c>) and readiness says so while liveness does not (so an orchestrator waits instead of restarting);
/// afterwards the same process serves sign-ins again without a restart, and mail queued before the outage is delivered.
/// </summary>
public sealed class DatabaseOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task While_PostgreSQL_is_down_requests_get_503_and_the_server_recovers_by_itself_without_losing_mail()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();

        // Mail waiting in the outbox when the database goes (the SMTP server is down too, so each has failed once).
        await factory.Smtp.StopAsync();
        var addresses = Enumerable.Range(0, 5).Select(_ => $"{Guid.NewGuid():N}@example.com").ToList();
        var queued = new List<Guid>();
        foreach (var address in addresses)
        {
            queued.Add(await factory.QueueMailAsync(address));
        }

        foreach (var id in queued)
        {
            await factory.WaitForOutboxRowAsync(id, m => m.Attempts >= 1);
        }

        var seen = new ConcurrentQueue<Answer>();
        using var load = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 3).Select(_ => Task.Run(() => LoadAsync(client, seen, load.Token))).ToList();
        await Task.Delay(500);

        await factory.Cluster.StopAsync();
        var downFrom = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(8));
        var downUntil = DateTimeOffset.UtcNow;
        await factory.Cluster.StartAsync();
        await factory.Smtp.StartAsync();

        var (recovered, last) = await RecoveredAsync(client);
        await load.CancelAsync();
        await Task.WhenAll(loops);

        var duringOutage = seen.Where(a => a.Started >= downFrom && a.Ended <= downUntil).ToList();
        var summary = string.Join("; ", seen.GroupBy(a => (a.Kind, a.Status)).Select(g => $"{g.Key.Kind} {(int)g.Key.Status}: {g.Count()} (longest {g.Max(a => (a.Ended - a.Started).TotalMilliseconds):0} ms)"));
        Assert.True(duringOutage.Count(a => a.Kind == "authorize") >= 2, $"Too few requests during the outage: {duringOutage.Count}. Seen: {summary}");
        Assert.All(duringOutage.Where(a => a.Kind is "authorize" or "ready"), a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(duringOutage.Where(a => a.Kind == "authorize"), a => Assert.True(a.ErrorPage && a.RetryAfter, "The 503 is the error page with Retry-After."));
        Assert.All(duringOutage.Where(a => a.Kind == "live"), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.True(seen.All(a => a.Status != HttpStatusCode.InternalServerError), summary);
        Assert.True(recovered, "The server did not serve the sign-in page again after the database came back: " + last);

        // Recovered without a restart: a whole sign-in works, and the mail queued before the outage goes out.
        using var browser = factory.CreateBrowser();
        await browser.SignInAndRedeemAsync(client, user);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var id in queued)
        {
            await factory.WaitForOutboxRowAsync(id, m => m.SentAt is not null);
        }

        Assert.All(addresses, address => Assert.NotEmpty(factory.Smtp.To(address)));
    }

    [Fact]
    public async Task While_PostgreSQL_is_down_the_token_endpoint_answers_an_oauth_error_the_client_may_retry_and_then_works_again()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user);

        await factory.Cluster.StopAsync();
        TokenResponse during;
        try
        {
            during = await client.RefreshAsync(tokens["refresh_token"]!);
        }
        finally
        {
            await factory.Cluster.StartAsync();
        }

        var (recovered, last) = await RecoveredAsync(client);
        var after = await client.RefreshAsync(tokens["refresh_token"]!);

        // What client libraries understand (they read "error"), not the problem details other requests get.
        Assert.Equal(503, during.Status);
        Assert.Equal("temporarily_unavailable", during.Error);
        Assert.NotNull(during.RetryAfter);
        Assert.StartsWith("application/json", during.MediaType, StringComparison.Ordinal);
        Assert.True(recovered, last);
        Assert.Equal(200, after.Status);
    }

    private async Task LoadAsync(OidcClient client, ConcurrentQueue<Answer> seen, CancellationToken stop)
    {
        using var http = factory.CreateHttpClient();
        while (!stop.IsCancellationRequested)
        {
            foreach (var (kind, url) in new[] { ("authorize", client.Authorize().Url), ("ready", "/healthz/ready"), ("live", "/healthz/live") })
            {
                var started = DateTimeOffset.UtcNow;
                using var response = await http.GetAsync(url, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                seen.Enqueue(new Answer(kind, started, DateTimeOffset.UtcNow, response.StatusCode, body.Contains("id=\"correlationId\"", StringComparison.Ordinal), response.Headers.RetryAfter is not null));
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task<(bool Recovered, string Last)> RecoveredAsync(OidcClient client)
    {
        using var http = factory.CreateHttpClient();
        var last = "";
        for (var attempt = 0; attempt < 150; attempt++)
        {
            using var response = await http.GetAsync(client.Authorize().Url);
            // The authorize request stores its journey and redirects to the sign-in page: the database is in use again.
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return (true, "");
            }

            var body = await response.Content.ReadAsStringAsync();
            last = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            await Task.Delay(200);
        }

        return (false, last);
    }

    private sealed record Answer(string Kind, DateTimeOffset Started, DateTimeOffset Ended, HttpStatusCode Status, bool ErrorPage, bool RetryAfter);
}

/// <summary>A server on a PostgreSQL cluster of its own (which the test stops and starts), with mail to an SMTP server.</summary>
public sealed class OutageFactory : IdPFactory
{
    public OutageFactory()
        : this(new PostgresCluster())
    {
    }

    private OutageFactory(PostgresCluster cluster)
        : base(cluster)
    {
        Cluster = cluster;
        Smtp = ResetServer.Prepare(this);
    }

    public PostgresCluster Cluster { get; }

    public TestSmtpServer Smtp { get; }
}
