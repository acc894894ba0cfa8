namespace IdP.Server.Tests.Limits;

/// <summary>
/// The per-client abuse limits through the real HTTP surface: each refuses the hit after its limit with 429 and
/// Retry-After (a page, problem+json or an OAuth error), per client address and per network, counted in the database.
/// Every test comes from fresh addresses, so tests do not share counters.
/// </summary>
public abstract class AbuseLimitTests<TDatabase>(LimitsFactory<TDatabase> factory)
    where TDatabase : ITestDatabase, new()
{
    private const string ThrottledCode = "AADB2C90229";
    private const string SignInThrottled = "There are too many requests at this moment. Please wait for some time and try again.";
    private const string ResetThrottled = "There have been too many requests to verify this email address. Please wait a while, then try again.";
    private const string InvalidMessage = "Invalid username or password.";

    [Fact]
    public async Task Journey_starts_are_limited_per_address_and_per_network()
    {
        var client = await factory.RegisterClientAsync();
        var address = TestClientAddress.FreshAddress();
        var neighbour = TestClientAddress.Neighbour(address, 2);
        var elsewhere = TestClientAddress.FreshAddress();

        var fromAddress = await AuthorizeTimesAsync(client, address, 4);
        var fromNeighbour = await AuthorizeTimesAsync(client, neighbour, 3);
        var fromElsewhere = await AuthorizeTimesAsync(client, elsewhere, 1);

        // Three from the address, then its own limit; two more from its network, then the network's (5).
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], fromAddress.Select(r => r.Status));
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], fromNeighbour.Select(r => r.Status));
        Assert.Equal(HttpStatusCode.Redirect, Assert.Single(fromElsewhere).Status);
        var refused = fromAddress[3];
        Assert.Contains(ThrottledCode, refused.Body, StringComparison.Ordinal);
        Assert.Contains("text/html", refused.ContentType, StringComparison.Ordinal);
        Assert.InRange(refused.RetryAfter ?? 0, 1, 60);

        // A refused request stores nothing; the next window serves the address again.
        Assert.Equal(6, await factory.WithDbAsync(db => db.Journeys.CountAsync(j => j.ClientId == client.ClientId)));
        factory.Clock.Advance(LimitsFactory<TDatabase>.Window);
        Assert.Equal(HttpStatusCode.Redirect, Assert.Single(await AuthorizeTimesAsync(client, address, 1)).Status);
    }

    [Fact]
    public async Task One_client_cannot_lock_out_a_sign_in_name_and_gets_a_throttled_page_instead()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser().From(TestClientAddress.FreshAddress());
        var page = await SignInPage.OpenAsync(browser, client.Authorize());

        var answers = new List<Navigation>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await page.SignInAsync(user.Email, "Wrong-Password-" + i));
        }

        // Four wrong passwords count against the name; the rest are refused before any password check.
        Assert.All(answers.Take(4), a => Assert.Equal(InvalidMessage, SignInPage.On(browser, a).Error));
        Assert.All(answers.Skip(4), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
            Assert.Equal(SignInThrottled, SignInPage.On(browser, a).Error);
        });
        var key = ThrottleKey.For(SignInNameKind.Email, SignInNameNormalizer.Normalize(user.Email));
        Assert.Equal(4, await factory.WithDbAsync(db => db.SignInThrottles.Where(t => t.KeyHash == key).Select(t => t.FailedCount).SingleAsync()));

        // Ten wrong passwords would have locked the name; after the window the right one signs in.
        factory.Clock.Advance(LimitsFactory<TDatabase>.Window);
        Assert.NotNull((await page.SignInAsync(user.Email, user.Password)).ToApp()["code"]);
    }

    [Fact]
    public async Task Forced_password_change_posts_count_with_the_sign_in_attempts_and_get_the_throttled_page_over_the_limit()
    {
        var policy = await factory.CreateForcingFlowAsync();
        var user = await factory.CreateUserAsync();
        await factory.MarkForPasswordChangeAsync(user.Account.Id);
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser().From(TestClientAddress.FreshAddress());
        var change = NewPasswordPage.On(browser, await (await SignInPage.OpenAsync(browser, client.Authorize(policy))).SignInAsync(user.Email, user.Password));

        // Each post checks the new password against the current one (a hash as costly as a sign-in's).
        var answers = new List<Navigation>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await change.SetPasswordAsync(user.Password));
        }

        // The sign-in post and three changes fit the address's four; the rest are refused before any password check.
        Assert.All(answers.Take(3), a => Assert.Equal(["Your new password must be different from your current password."], NewPasswordPage.On(browser, a).FieldErrors));
        Assert.All(answers.Skip(3), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
            Assert.Equal(SignInThrottled, NewPasswordPage.On(browser, a).Error);
        });

        factory.Clock.Advance(LimitsFactory<TDatabase>.Window);
        Assert.NotNull((await change.SetPasswordAsync("Fresh-Garden-42")).ToApp()["code"]);
    }

    [Fact]
    public async Task Reset_codes_one_client_asks_for_are_limited_across_addresses()
    {
        var address = TestClientAddress.FreshAddress();
        var emails = Enumerable.Range(0, 3).Select(i => $"limit-send-{i}-{Guid.NewGuid():N}@example.com").ToList();
        var client = await ResetClientAsync();

        var pages = new List<ResetPasswordPage>();
        foreach (var email in emails)
        {
            using var browser = factory.CreateBrowser().From(address);
            var step1 = await browser.OpenResetFromSignInAsync(client.Authorize());
            pages.Add(ResetPasswordPage.On(browser, await step1.SendCodeAsync(email)));
        }

        Assert.NotNull(pages[0].Info);
        Assert.NotNull(pages[1].Info);
        Assert.Equal(HttpStatusCode.TooManyRequests, pages[2].Page.Status);
        Assert.Equal(ResetThrottled, pages[2].Error);
        var sends = await Task.WhenAll(emails.Select(SendsToAsync));
        Assert.Equal(new[] { 1, 1, 0 }, sends);
    }

    [Fact]
    public async Task Reset_code_guesses_of_one_client_are_limited_across_addresses_even_the_right_code()
    {
        var address = TestClientAddress.FreshAddress();
        var client = await ResetClientAsync();
        var (first, firstPage, _) = await CodeSentAsync(client, address);
        var (second, secondPage, secondCode) = await CodeSentAsync(client, address);

        firstPage = ResetPasswordPage.On(first, await firstPage.VerifyAsync("000000"));
        firstPage = ResetPasswordPage.On(first, await firstPage.VerifyAsync("000001"));
        secondPage = ResetPasswordPage.On(second, await secondPage.VerifyAsync(Other(secondCode)));
        var refused = ResetPasswordPage.On(second, await secondPage.VerifyAsync(secondCode));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Page.Status);
        Assert.Equal(ResetThrottled, refused.Error);
        Assert.Null(refused.Success);

        factory.Clock.Advance(LimitsFactory<TDatabase>.Window);
        Assert.NotNull(ResetPasswordPage.On(second, await refused.VerifyAsync(secondCode)).Success);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Token_requests_get_an_oauth_error_with_429_and_retry_after_over_the_limit()
    {
        var client = await factory.RegisterClientAsync(secret: "token-limit-secret-0123456789", allowClientCredentials: true);
        var address = TestClientAddress.FreshAddress();
        var form = ClientCredentials(client.ClientId, client.ClientSecret!);

        var answers = new List<RawAnswer>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await PostTokenAsync(address, form));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var refused = answers[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.InRange(refused.RetryAfter ?? 0, 1, 60);
        using var json = JsonDocument.Parse(refused.Body);
        Assert.Equal("temporarily_unavailable", json.RootElement.GetProperty("error").GetString());
        Assert.StartsWith(ThrottledCode + ":", json.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostTokenAsync(TestClientAddress.FreshAddress(), form)).Status);
    }

    [Fact]
    public async Task Limits_count_across_nodes_sharing_the_database()
    {
        var client = await factory.RegisterClientAsync(secret: "token-limit-secret-0123456789", allowClientCredentials: true);
        var address = TestClientAddress.FreshAddress();
        var form = ClientCredentials(client.ClientId, client.ClientSecret!);
        await using var other = (LimitsFactory<TDatabase>)factory.OnSameDatabase();
        await other.InitializeAsync();

        var onFirst = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            onFirst.Add((await PostTokenAsync(address, form)).Status);
        }

        var onSecond = await PostTokenAsync(address, form, other);

        Assert.All(onFirst, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, onSecond.Status);
    }

    [Fact]
    public async Task Wrong_admin_client_secrets_are_counted_logged_and_then_even_the_right_one_is_refused()
    {
        var address = TestClientAddress.FreshAddress();
        var wrong = ClientCredentials(AdminApiClient.ClientId, "not-the-admin-secret-000000", ServerApi.AdminScope);
        var right = ClientCredentials(AdminApiClient.ClientId, AdminApiClient.Secret, ServerApi.AdminScope);

        var first = await PostTokenAsync(address, wrong);
        var second = await PostTokenAsync(address, wrong);
        var third = await PostTokenAsync(address, right);

        Assert.Equal(HttpStatusCode.Unauthorized, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.NotNull(third.RetryAfter);
        Assert.Contains(ThrottledCode, third.Body, StringComparison.Ordinal);
        Assert.Equal(2, factory.Logs.Entries.Count(e => e.EventId == 7101 && e.Level == LogLevel.Warning && e.Message.Contains(address.ToString(), StringComparison.Ordinal)));

        factory.Clock.Advance(LimitsFactory<TDatabase>.Window);
        Assert.Equal(HttpStatusCode.OK, (await PostTokenAsync(address, right)).Status);
        Assert.Contains(factory.Logs.Entries, e => e.EventId == 7102 && e.Message.Contains(address.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_admin_api_tokens_are_counted_and_then_the_api_answers_429_problem_json()
    {
        var address = TestClientAddress.FreshAddress();
        var token = await new AdminApiClient(factory).NewTokenAsync();

        var answers = new List<RawAnswer>();
        foreach (var bearer in new[] { "not-a-token", "still-not-a-token", token })
        {
            using var http = factory.CreateHttpClient().From(address);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/applications");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            answers.Add(await RawAnswer.ReadAsync(await http.SendAsync(request)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].Status);
        Assert.Equal(HttpStatusCode.Unauthorized, answers[1].Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2].Status);
        Assert.Equal("application/problem+json", answers[2].ContentType);
        Assert.NotNull(answers[2].RetryAfter);
        Assert.Contains(ThrottledCode, answers[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_now_starts_are_limited_with_a_page()
    {
        var address = TestClientAddress.FreshAddress();
        using var http = factory.CreateHttpClient().From(address);
        var statuses = new List<RawAnswer>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add(await RawAnswer.ReadAsync(await http.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now")));
        }

        Assert.Equal(HttpStatusCode.Redirect, statuses[0].Status);
        Assert.Equal(HttpStatusCode.Redirect, statuses[1].Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2].Status);
        Assert.Contains(ThrottledCode, statuses[2].Body, StringComparison.Ordinal);
        Assert.NotNull(statuses[2].RetryAfter);
    }

    private async Task<List<RawAnswer>> AuthorizeTimesAsync(OidcClient client, IPAddress from, int times)
    {
        var answers = new List<RawAnswer>();
        for (var i = 0; i < times; i++)
        {
            using var http = factory.CreateHttpClient().From(from);
            answers.Add(await RawAnswer.ReadAsync(await http.GetAsync(client.Authorize().Url)));
        }

        return answers;
    }

    private async Task<OidcClient> ResetClientAsync()
    {
        await factory.SetResetModeAsync(IdP.Core.PasswordReset.PasswordResetMode.All);
        return await factory.RegisterClientAsync();
    }

    private async Task<(Browser Browser, ResetPasswordPage Page, string Code)> CodeSentAsync(OidcClient client, IPAddress from)
    {
        var email = $"limit-guess-{Guid.NewGuid():N}@example.com";
        await factory.CreateAccountAsync(email, "Old-Password-1");
        var browser = factory.CreateBrowser().From(from);
        var step1 = await browser.OpenResetFromSignInAsync(client.Authorize());
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        return (browser, sent, await factory.Smtp.WaitForCodeAsync(email));
    }

    private Task<int> SendsToAsync(string email)
    {
        var hash = ThrottleKey.ForAddress(SignInNameNormalizer.Normalize(email));
        return factory.WithDbAsync(db => db.EmailCodeSends.CountAsync(c => c.AddressHash == hash));
    }

    private static Dictionary<string, string> ClientCredentials(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }

    private async Task<RawAnswer> PostTokenAsync(IPAddress from, Dictionary<string, string> form, IdPFactory? node = null)
    {
        using var http = (node ?? factory).CreateHttpClient().From(from);
        return await RawAnswer.ReadAsync(await http.PostAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token", new FormUrlEncodedContent(form)));
    }

    private static string Other(string code) =>
        ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A response read whole: status, body, media type and Retry-After (seconds).</summary>
public sealed record RawAnswer(HttpStatusCode Status, string Body, string? ContentType, int? RetryAfter)
{
    public static async Task<RawAnswer> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : (int?)null;
            return new RawAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType, retryAfter);
        }
    }
}

public sealed class AbuseLimitTestsOnSqlite(LimitsFactory<Sqlite> factory) : AbuseLimitTests<Sqlite>(factory), IClassFixture<LimitsFactory<Sqlite>>;

public sealed class AbuseLimitTestsOnPostgres(LimitsFactory<Postgres> factory) : AbuseLimitTests<Postgres>(factory), IClassFixture<LimitsFactory<Postgres>>;
