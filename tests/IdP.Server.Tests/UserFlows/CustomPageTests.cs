using IdP.Core.UserFlows.CustomPages;

namespace IdP.Server.Tests.UserFlows;

/// <summary>
/// B2C's custom page content: a flow's own HTML template, uploaded or fetched from an https address, with the server's
/// form rendered inside its <c>div#api</c>. Templates with forms or frames are refused, scripts are removed, the CSP stays
/// strict, and fetching cannot be turned against the server's own network.
/// </summary>
public abstract class CustomPageTests(ICustomPageServer server)
{
    private readonly IdPFactory _factory = server.Factory;
    private readonly TemplateServer _templates = server.Templates;
    private readonly AdminApiClient _admin = new(server.Factory);

    internal static string Template(string marker, string extra = "", string head = "") => $$"""
        <!DOCTYPE html>
        <html>
        <head>
          {{head}}
          <title>Ignored title</title>
          <link rel="stylesheet" href="https://cdn.contoso.example/brand.css">
          <style>.custom-frame { max-width: 40rem; margin: 0 auto; }</style>
          <script>document.title = 'pwned';</script>
        </head>
        <body>
          <header class="custom-header"><h1 id="customHeading">{{marker}}</h1><img src="https://cdn.contoso.example/logo.png" alt="Contoso" onerror="alert(1)"></header>
          <main class="custom-frame"><div id="api"></div></main>
          <p class="custom-footer" style="color: red" onclick="alert(2)"><a href="javascript:alert(3)">Bad link</a> <a href="https://contoso.example/help">Help</a></p>
          {{extra}}
        </body>
        </html>
        """;

    private async Task<string> CreateFlowAsync(object properties)
    {
        var name = "cp_" + Guid.NewGuid().ToString("N")[..8];
        var body = new Dictionary<string, object?> { ["name"] = name, ["type"] = "SignIn" };
        foreach (var property in properties.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(properties);
        }

        (await _admin.PostAsync("user-flows", body)).Expect(201);
        return "B2C_1_" + name;
    }

    [Fact]
    public async Task An_uploaded_template_frames_the_sign_in_page_and_reset_with_the_b2c_ids_inside_div_api_and_sign_in_still_works()
    {
        var flow = await CreateFlowAsync(new { customPageContent = Template("Contoso custom page") });
        var details = (await _admin.GetAsync($"user-flows/{flow}")).Expect(200);
        var stored = details["customPageContent"]!;
        Assert.Contains("Contoso custom page", stored, StringComparison.Ordinal);
        Assert.Contains("<div id=\"api\"></div>", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pwned", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://cdn.contoso.example/brand.css", stored, StringComparison.Ordinal);
        Assert.Contains("https://contoso.example/help", stored, StringComparison.Ordinal);

        var email = $"cp-{Guid.NewGuid():N}@example.com";
        await _factory.CreateAccountAsync(email, "Correct-Horse-9");
        var client = await _factory.RegisterClientAsync();
        using var browser = _factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, client.Authorize(flow));
        var document = signIn.Page.Document!;
        Assert.Equal("Contoso custom page", document.GetElementById("customHeading")!.TextContent.Trim());
        var api = Assert.Single(document.QuerySelectorAll("#api"));
        Assert.Equal("custom-frame", api.ParentElement!.ClassName);
        foreach (var id in new[] { PageElementIds.SignInName, PageElementIds.Password, PageElementIds.Next, PageElementIds.ForgotPassword })
        {
            Assert.NotNull(api.QuerySelector($"#{id}"));
        }

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.DoesNotContain("Ignored title", document.Title, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("link[href='https://cdn.contoso.example/brand.css']"));

        // The CSP stays strict: no inline script at all; the template's <style> block by its hash, https stylesheets and images.
        using (var response = await browser.Client.GetAsync(signIn.Page.Url))
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self' https: 'sha256-", csp, StringComparison.Ordinal);
            Assert.Contains("img-src 'self' data: https:", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        }

        var french = await SignInPage.OpenAsync(browser, client.Authorize(flow) with { UiLocales = "fr" });
        Assert.Equal("fr", french.Page.Document!.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Se connecter", french.Page.Text(PageElementIds.Next));

        var reset = await browser.OpenResetFromSignInAsync(client.Authorize(flow));
        Assert.Equal("Contoso custom page", reset.Page.Document!.GetElementById("customHeading")!.TextContent.Trim());
        var resetApi = Assert.Single(reset.Page.Document.QuerySelectorAll("#api"));
        Assert.NotNull(resetApi.QuerySelector($"#{PageElementIds.Email}"));
        Assert.NotNull(resetApi.QuerySelector($"#{PageElementIds.EmailVerifySend}"));

        var again = await SignInPage.OpenAsync(browser, client.Authorize(flow));
        var app = (await again.SignInAsync(email, "Correct-Horse-9")).ToApp();
        Assert.NotNull(app["code"]);

        // Removing the template brings the default pages back.
        (await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = "" })).Expect(200);
        using var fresh = _factory.CreateBrowser();
        var plain = await SignInPage.OpenAsync(fresh, client.Authorize(flow));
        Assert.Null(plain.Page.Document!.GetElementById("customHeading"));
        Assert.NotNull(plain.Page.Document.GetElementById("panel"));
    }

    [Fact]
    public async Task Meta_http_equiv_in_a_template_is_inert_on_the_served_page()
    {
        var flow = await CreateFlowAsync(new
        {
            customPageContent = Template("Contoso meta", head: """
                <meta http-equiv="refresh" content="0;url=https://evil.example/">
                <META HTTP-EQUIV="Set-Cookie" content="stolen=1; path=/">
                <meta http-equiv="content-security-policy" content="script-src 'unsafe-inline'">
                """),
        });
        var client = await _factory.RegisterClientAsync();
        using var browser = _factory.CreateBrowser();

        var signIn = await SignInPage.OpenAsync(browser, client.Authorize(flow));

        // What is left of each is a <meta> with content alone, which no browser acts on.
        var document = signIn.Page.Document!;
        Assert.Equal("Contoso meta", document.GetElementById("customHeading")!.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("[http-equiv]"));
        Assert.DoesNotContain("http-equiv", document.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(document.GetElementById(PageElementIds.SignInName));
    }

    [Theory]
    [InlineData("<form action=\"https://evil.example/\"><input name=\"x\"></form>", "<form>")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe>", "<iframe>")]
    [InlineData("<frameset><frame src=\"https://evil.example/\"></frameset>", "<frame")]
    public async Task A_template_with_a_form_iframe_or_frame_is_refused_with_a_clear_message(string element, string named)
    {
        var name = "cp_" + Guid.NewGuid().ToString("N")[..8];
        var refused = await _admin.PostAsync("user-flows", new { name, type = "SignIn", customPageContent = Template("Bad", element) });
        var message = Assert.Single(refused.ExpectInvalid(CustomPageService.ContentField));
        Assert.Contains("may not contain form, iframe or frame elements", message, StringComparison.Ordinal);
        Assert.Contains(named, message, StringComparison.Ordinal);
        (await _admin.GetAsync($"user-flows/B2C_1_{name}")).Expect(404);

        var flow = await CreateFlowAsync(new { });
        (await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = Template("Bad", element) })).ExpectInvalid(CustomPageService.ContentField);
        Assert.Null((await _admin.GetAsync($"user-flows/{flow}")).Expect(200).Json.GetProperty("customPageContent").GetString());
    }

    [Fact]
    public async Task A_template_without_div_api_or_too_large_or_with_both_sources_is_refused()
    {
        var flow = await CreateFlowAsync(new { });
        Assert.Contains("<div id=\"api\"></div>", Assert.Single((await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = "<html><body><p>No api</p></body></html>" })).ExpectInvalid(CustomPageService.ContentField)), StringComparison.Ordinal);
        Assert.Contains("larger than", Assert.Single((await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = Template(new string('x', CustomPageRules.MaxLength)) })).ExpectInvalid(CustomPageService.ContentField)), StringComparison.Ordinal);
        Assert.Contains("not both", Assert.Single((await _admin.PatchAsync($"user-flows/{flow}", new { customPageContent = Template("A"), customPageUri = "https://contoso.example/t.html" })).ExpectInvalid(CustomPageService.UriField)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_uri_is_fetched_over_https_when_saved_cached_in_the_database_and_a_failed_refresh_keeps_the_last_good_copy()
    {
        _templates.Status = 200;
        _templates.Body = Template("Version one");
        var before = _templates.Requests;
        var flow = await CreateFlowAsync(new { customPageUri = _templates.Url("/template") });
        var saved = (await _admin.GetAsync($"user-flows/{flow}")).Expect(200);
        Assert.Equal(_templates.Url("/template"), saved["customPageUri"]);
        Assert.Contains("Version one", saved["customPageContent"], StringComparison.Ordinal);
        Assert.DoesNotContain("<script", saved["customPageContent"], StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(JsonValueKindNull, saved.Json.GetProperty("customPageFetchedAt").ValueKind);
        Assert.Equal(before + 1, _templates.Requests);

        var client = await _factory.RegisterClientAsync();
        using var browser = _factory.CreateBrowser();
        for (var i = 0; i < 2; i++)
        {
            var page = await SignInPage.OpenAsync(browser, client.Authorize(flow));
            Assert.Equal("Version one", page.Page.Document!.GetElementById("customHeading")!.TextContent.Trim());
        }

        // Pages come from the stored copy, not from the template's server.
        Assert.Equal(before + 1, _templates.Requests);

        // A second node on the same database serves the same copy.
        await using (var second = _factory.OnSameDatabase())
        {
            await second.InitializeAsync();
            using var other = second.CreateBrowser();
            var page = await SignInPage.OpenAsync(other, client.Authorize(flow));
            Assert.Equal("Version one", page.Page.Document!.GetElementById("customHeading")!.TextContent.Trim());
        }

        // Housekeeping fetches it again once the copy is older than the refresh interval (an hour by default).
        _templates.Body = Template("Version two");
        Assert.Equal(0, await RefreshDueAsync());
        _factory.Clock.Advance(TimeSpan.FromMinutes(61));
        _admin.ForgetToken(); // The clock moved past the admin token's lifetime.
        await RefreshDueAsync();
        await UntilAsync(flow, d => d["customPageContent"]!.Contains("Version two", StringComparison.Ordinal));
        Assert.Equal("Version two", (await SignInPage.OpenAsync(browser, client.Authorize(flow))).Page.Document!.GetElementById("customHeading")!.TextContent.Trim());

        // The template's server fails: the last good copy stays in use and the flow says why.
        _templates.Status = 500;
        var failed = (await _admin.PostAsync($"user-flows/{flow}/custom-page/refresh")).Expect(200);
        Assert.Contains("HTTP 500", failed["customPageError"], StringComparison.Ordinal);
        Assert.Contains("Version two", failed["customPageContent"], StringComparison.Ordinal);
        Assert.Equal("Version two", (await SignInPage.OpenAsync(browser, client.Authorize(flow))).Page.Document!.GetElementById("customHeading")!.TextContent.Trim());

        // A template that turns bad (an iframe appears) is not taken either.
        _templates.Status = 200;
        _templates.Body = Template("Version three", "<iframe src=\"https://evil.example/\"></iframe>");
        _factory.Clock.Advance(TimeSpan.FromMinutes(61));
        _admin.ForgetToken(); // The clock moved past the admin token's lifetime.
        await RefreshDueAsync();
        var afterBad = await UntilAsync(flow, d => d["customPageError"]?.Contains("iframe", StringComparison.Ordinal) == true);
        Assert.Contains("iframe", afterBad["customPageError"], StringComparison.Ordinal);
        Assert.Contains("Version two", afterBad["customPageContent"], StringComparison.Ordinal);

        // Once it is good again, the next refresh takes it and clears the error.
        _templates.Body = Template("Version four");
        var fixedUp = (await _admin.PostAsync($"user-flows/{flow}/custom-page/refresh")).Expect(200);
        Assert.Equal(JsonValueKindNull, fixedUp.Json.GetProperty("customPageError").ValueKind);
        Assert.Equal("Version four", (await SignInPage.OpenAsync(browser, client.Authorize(flow))).Page.Document!.GetElementById("customHeading")!.TextContent.Trim());

        (await _admin.PatchAsync($"user-flows/{flow}", new { customPageUri = "" })).Expect(200);
    }

    [Fact]
    public async Task A_failed_refresh_is_stored_without_a_language_so_the_admin_api_says_it_in_english_whoever_refreshed()
    {
        _templates.Status = 200;
        _templates.Body = Template("Stored once");
        var flow = await CreateFlowAsync(new { customPageUri = _templates.Url("/template") });

        // A French administrator's refresh: the portal runs the core in the administrator's language, and so answers them.
        _templates.Status = 503;
        var answered = await InFrenchAsync(() => _factory.WithScopeAsync(sp => sp.GetRequiredService<UserFlowAdministration>().RefreshCustomPageAsync(flow, "test", CancellationToken.None)));
        Assert.Equal("L’URI de page personnalisée a répondu HTTP 503.", Assert.IsType<AdminResult<UserFlowDetails>.Done>(answered).Value.CustomPageError);
        Assert.Equal("The custom page URI answered HTTP 503.", (await _admin.GetAsync($"user-flows/{flow}")).Expect(200)["customPageError"]);

        // Housekeeping on a server whose process runs in French (the flow made due again, the template turned bad).
        _templates.Status = 200;
        _templates.Body = Template("Turned bad", "<iframe src=\"https://evil.example/\"></iframe>");
        await MakeDueAsync(flow);
        await InFrenchAsync(RefreshDueAsync);
        Assert.Equal(
            "A custom page template may not contain form, iframe or frame elements (found: <iframe>). The server renders the page's form itself, inside <div id=\"api\"></div>.",
            (await _admin.GetAsync($"user-flows/{flow}")).Expect(200)["customPageError"]);

        (await _admin.PatchAsync($"user-flows/{flow}", new { customPageUri = "" })).Expect(200);
    }

    [Fact]
    public async Task A_refresh_error_stored_as_text_by_an_older_version_is_shown_as_it_was_stored()
    {
        var flow = await CreateFlowAsync(new { customPageContent = Template("Old row") });
        const string Stored = "L’URI de page personnalisée a répondu HTTP 502.";
        await StoreOldErrorTextAsync(_factory, flow, Stored);

        Assert.Equal(Stored, (await _admin.GetAsync($"user-flows/{flow}")).Expect(200)["customPageError"]);
        Assert.Equal(Stored, (await _admin.GetAsync("user-flows")).Expect(200).Json.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == flow).GetProperty("customPageError").GetString());
    }

    /// <summary>What versions before the reason codes stored: the error's text alone, in the column they wrote it to.</summary>
    internal static Task StoreOldErrorTextAsync(IdPFactory factory, string flow, string text) =>
        factory.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"UserFlows\" SET \"CustomPageError\" = {text} WHERE \"NormalizedName\" = {UserFlowName.Normalize(flow)}"));

    /// <summary>Runs <paramref name="action"/> with French as the current culture and UI culture (as a French request or process would).</summary>
    internal static async Task<T> InFrenchAsync<T>(Func<Task<T>> action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            return await action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private Task<int> MakeDueAsync(string flow) =>
        _factory.WithDbAsync(db => db.UserFlows.Where(f => f.NormalizedName == UserFlowName.Normalize(flow))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CustomPageCheckedAt, (DateTimeOffset?)null)));

    [Fact]
    public async Task Template_uris_that_could_reach_the_servers_own_network_are_refused()
    {
        _templates.Status = 200;
        _templates.Body = Template("Never used");
        var port = _templates.Port;
        var flow = await CreateFlowAsync(new { });
        async Task<string> RefusedAsync(string uri) =>
            Assert.Single((await _admin.PatchAsync($"user-flows/{flow}", new { customPageUri = uri })).ExpectInvalid(CustomPageService.UriField));

        Assert.Contains("https://", await RefusedAsync($"http://localhost:{port}/template"), StringComparison.Ordinal);
        Assert.Contains("https://", await RefusedAsync("ftp://contoso.example/template.html"), StringComparison.Ordinal);
        Assert.Contains("https://", await RefusedAsync("not a uri"), StringComparison.Ordinal);
        foreach (var address in new[] { $"https://127.0.0.1:{port}/template", $"https://[::1]:{port}/template", "https://10.0.0.1/template", "https://192.168.1.10/template", "https://169.254.169.254/latest/meta-data", "https://172.16.0.1/", "https://[::ffff:127.0.0.1]/" })
        {
            Assert.Contains("private, loopback or link-local", await RefusedAsync(address), StringComparison.Ordinal);
        }

        // Redirects are never followed (one could lead to a private address), even from a trusted host.
        Assert.Contains("redirect", await RefusedAsync(_templates.Url("/redirect")), StringComparison.Ordinal);
        Assert.Contains("larger than", await RefusedAsync(_templates.Url("/huge")), StringComparison.Ordinal);
        Assert.Null((await _admin.GetAsync($"user-flows/{flow}")).Expect(200).Json.GetProperty("customPageUri").GetString());
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_a_loopback_address_is_refused_when_it_is_not_trusted()
    {
        // The check runs at connect time on the resolved addresses, so a name (not only a literal address) is caught.
        var options = new CustomPageOptions();
        using var http = new HttpClient(CustomPageFetcher.CreateHandler(options));
        var fetcher = new CustomPageFetcher(http, Microsoft.Extensions.Options.Options.Create(options));
        var result = await fetcher.FetchAsync($"https://localhost:{_templates.Port}/template", CancellationToken.None);
        Assert.Contains("private, loopback or link-local", Assert.IsType<CustomPageFetch.Failed>(result).Message, StringComparison.Ordinal);
    }

    // Moving the clock also wakes the housekeeping worker, which may run the refresh first: wait for the outcome.
    private async Task<AdminResponse> UntilAsync(string flow, Func<AdminResponse, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var details = (await _admin.GetAsync($"user-flows/{flow}")).Expect(200);
            if (done(details) || attempt == 50)
            {
                Assert.True(done(details), $"The template was not refreshed: {details.Body}");
                return details;
            }

            await Task.Delay(200);
        }
    }

    private Task<int> RefreshDueAsync() =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<CustomPageService>().RefreshDueAsync(CancellationToken.None));

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

/// <summary>The branding server (the admin API, reset on for everyone) with an HTTPS server of templates.</summary>
public interface ICustomPageServer : IBrandingServer
{
    TemplateServer Templates { get; }
}

public sealed class CustomPageFactory<TDatabase> : BrandingFactory<TDatabase>, ICustomPageServer
    where TDatabase : ITestDatabase, new()
{
    public CustomPageFactory() => Templates = Attach(new TemplateServer());

    public TemplateServer Templates { get; }
}

public sealed class CustomPageTestsOnSqlite(CustomPageFactory<Sqlite> factory) : CustomPageTests(factory), IClassFixture<CustomPageFactory<Sqlite>>;

public sealed class CustomPageTestsOnPostgres(CustomPageFactory<Postgres> factory) : CustomPageTests(factory), IClassFixture<CustomPageFactory<Postgres>>;
