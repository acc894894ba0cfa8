using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdP.Server.Tests.Hosting;

/// <summary>
/// Every HTML page may not be framed, runs only our own scripts and styles (no inline code), is not sniffed and sends no
/// referrer; the one page with an inline script (the form_post auto-submit) allows exactly that script by its hash.
/// </summary>
public sealed partial class SecurityHeadersTests(IdPFactory<Sqlite> factory) : IClassFixture<IdPFactory<Sqlite>>
{
    [Fact]
    public async Task The_sign_in_page_cannot_be_framed_and_runs_no_inline_code()
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        using var http = factory.CreateHttpClient();
        var signInUrl = (await browser.NavigateAsync(client.Authorize().Url)).Url;

        using var page = await http.GetAsync(signInUrl);

        var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task A_page_asked_with_a_method_other_than_get_head_or_post_is_405_not_the_page(string method)
    {
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var signInUrl = (await browser.NavigateAsync(client.Authorize().Url)).Url;

        using var request = new HttpRequestMessage(new HttpMethod(method), signInUrl) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["signInName"] = "a@b.test" }) };
        using var page = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, page.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", page.Content.Headers.Allow));
        Assert.DoesNotContain("id=\"signInName\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        using var portal = await browser.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/admin"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, portal.StatusCode);
    }

    [Fact]
    public async Task The_form_post_answer_allows_exactly_its_own_auto_submit_script()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();
        var request = client.Authorize() with { ResponseMode = "form_post" };
        await browser.SignInThroughFormAsync(request, user);

        // Signed in, the next request is answered at once from the session: the form_post page itself.
        using var answer = await browser.Client.GetAsync((request with { State = "again" }).Url);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Contains("document.form.submit()", body, StringComparison.Ordinal);

        var script = InlineScript().Match(body).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        var csp = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"'sha256-{hash}'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_answers_carry_strict_transport_security()
    {
        await using var https = new HttpsOnlyFactory();
        await https.InitializeAsync();
        using var client = https.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://idp.test"), AllowAutoRedirect = false });

        using var response = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");

        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    private sealed class HttpsOnlyFactory : IdPFactory<Sqlite>
    {
        public HttpsOnlyFactory() => With("IdP:Server:RequireHttps", "true");
    }
}
