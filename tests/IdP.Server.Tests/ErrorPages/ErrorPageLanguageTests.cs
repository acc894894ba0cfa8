namespace IdP.Server.Tests.ErrorPages;

/// <summary>
/// The generic status-code pages (an unknown path, a bare 405) speak the request's language like every other page:
/// <c>ui_locales</c>, then Accept-Language, with <c>&lt;html lang&gt;</c> set. They are written after the localization
/// middleware has returned, so this checks the language is carried back to them.
/// </summary>
public abstract class ErrorPageLanguageTests(IBrandingServer server)
{
    private readonly IdPFactory _factory = server.Factory;

    [Theory]
    [InlineData("fr-FR,fr;q=0.9", "fr", "Page introuvable", "La page demandée n’existe pas.", "ID de corrélation")]
    [InlineData("en-GB,en;q=0.9", "en", "Page not found", "The page you asked for does not exist.", "Correlation ID")]
    public async Task An_unknown_path_answers_in_the_browser_language(string acceptLanguage, string lang, string title, string message, string correlationLabel)
    {
        using var browser = _factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var page = await browser.NavigateAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(lang, page.Document!.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.Document.QuerySelector("#api h1")!.TextContent.Trim());
        Assert.Equal(message, page.Document.GetElementById("errorMessage")!.TextContent.Trim());
        Assert.Equal(correlationLabel, page.Document.QuerySelector(".error-trace dt")!.TextContent.Trim());
        Assert.StartsWith(title, page.Document.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR,fr;q=0.9", "La demande n’est pas valide", "La demande n’a pas pu être lue : elle a peut-être été modifiée ou tronquée en chemin. Revenez en arrière et réessayez.")]
    [InlineData("en-GB,en;q=0.9", "The request is not valid", "The request could not be read: it may have been changed or cut short on its way. Go back and try again.")]
    public async Task A_request_refused_at_the_door_says_it_could_not_be_read_not_that_something_went_wrong(string acceptLanguage, string title, string message)
    {
        using var browser = _factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await browser.NavigateAsync($"/{IdPFactory.Tenant}/B2C_1_signin/oauth2/v2.0/authorize?client_id=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(title, page.Document!.QuerySelector("#api h1")!.TextContent.Trim());
        Assert.Equal(message, page.Document.GetElementById("errorMessage")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("/v2.0/.well-known/openid-configuration?x=%00")]
    [InlineData("/discovery/v2.0/keys?x=%01")]
    public async Task A_discovery_request_refused_at_the_door_is_problem_json_for_the_library_that_sent_it(string path)
    {
        using var client = _factory.CreateHttpClient();

        using var response = await client.GetAsync($"/{IdPFactory.Tenant}/B2C_1_signin{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_locales_wins_over_the_browser_language_on_a_status_code_page()
    {
        using var browser = _factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var french = await browser.NavigateAsync("/no/such/page?ui_locales=fr");
        Assert.Equal("fr", french.Document!.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page introuvable", french.Document.QuerySelector("#api h1")!.TextContent.Trim());

        // A method the endpoint does not take gets the generic "bad request" page, in French too.
        using var client = _factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/health?ui_locales=fr");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("<html lang=\"fr\">", body, StringComparison.Ordinal);
        Assert.Contains("La demande n’est pas valide", body, StringComparison.Ordinal);
    }
}

public sealed class ErrorPageLanguageTestsOnSqlite(BrandingFactory<Sqlite> factory) : ErrorPageLanguageTests(factory), IClassFixture<BrandingFactory<Sqlite>>;

public sealed class ErrorPageLanguageTestsOnPostgres(BrandingFactory<Postgres> factory) : ErrorPageLanguageTests(factory), IClassFixture<BrandingFactory<Postgres>>;
