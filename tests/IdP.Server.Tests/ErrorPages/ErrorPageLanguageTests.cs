namespace IdP.Server.Tests.ErrorPages;

/// <summary>
/// The generic status-code pages (an unknown path, a bare 405) speak the request's language like every other page:
/// <c>ui_locales</c>, then Accept-Language, with <c>&lt;html lang&gt;</c> set. They are written after the localization
/// middleware has returned, so this checks the language is carried back to them.
/// </summary>
public abstract class ErrorPageLanguageTests(IBrandingServer server)
{
    private readonly IdPFactory _factory = server.Factory;

    [Fact]
    public async Task An_unknown_path_answers_in_french_for_a_french_browser()
    {
        using var browser = _factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var page = await browser.NavigateAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("fr", page.Document!.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page introuvable", page.Document.QuerySelector("#api h1")!.TextContent.Trim());
        Assert.Equal("La page demandée n’existe pas.", page.Document.GetElementById("errorMessage")!.TextContent.Trim());
        Assert.Equal("ID de corrélation", page.Document.QuerySelector(".error-trace dt")!.TextContent.Trim());
        Assert.StartsWith("Page introuvable", page.Document.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_answers_in_english_for_an_english_browser()
    {
        using var browser = _factory.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var page = await browser.NavigateAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("en", page.Document!.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page not found", page.Document.QuerySelector("#api h1")!.TextContent.Trim());
        Assert.Equal("Correlation ID", page.Document.QuerySelector(".error-trace dt")!.TextContent.Trim());
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
