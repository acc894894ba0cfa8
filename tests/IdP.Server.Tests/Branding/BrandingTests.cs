namespace IdP.Server.Tests.Branding;

/// <summary>
/// Company branding set through the admin API shows on every page a user sees (sign-in, each reset step, the Run now
/// viewer, error pages); its images are served from the database with ETags and a year of caching; bad uploads and
/// values are refused with a problem that says why.
/// </summary>
public abstract class BrandingTests(IBrandingServer server) : BrandingSuite(server)
{
    private const string BannerLogo = "bannerLogo";

    [Fact]
    public async Task Branding_set_through_the_api_shows_on_the_sign_in_page_every_reset_step_the_viewer_and_error_pages()
    {
        (await Admin.PutAsync("branding", new
        {
            backgroundColor = "#102030",
            accentColor = "#5C2D91",
            signInPageText = "**Welcome** to Contoso <script>alert(1)</script> [Help](https://contoso.test/help)",
            usernameHint = "someone@contoso.com",
        })).Expect(200);
        var logo = (await Admin.UploadAsync(Factory, "banner-logo", BrandingImages.Png(200, 50))).Expect(200);
        var background = (await Admin.UploadFormAsync(Factory, "background-image", BrandingImages.Jpeg(800, 600), "background.jpg")).Expect(200);
        (await Admin.UploadAsync(Factory, "square-logo", BrandingImages.Png(240, 240))).Expect(200);
        var logoUrl = logo["url"]!;
        Assert.Equal(("image/png", "200", "50"), (logo["contentType"], logo["width"], logo["height"]));
        Assert.Equal("image/jpeg", background["contentType"]);

        var saved = (await Admin.GetAsync("branding")).Expect(200);
        Assert.Equal("#102030", saved["backgroundColor"]);
        Assert.Equal("#5c2d91", saved["accentColor"]);
        Assert.Equal("someone@contoso.com", saved["usernameHint"]);
        Assert.Equal(logoUrl, saved.Json.GetProperty("bannerLogo").GetProperty("url").GetString());

        var email = $"brand-{Guid.NewGuid():N}@example.com";
        await Factory.CreateAccountAsync(email, "Old-Password-1");
        var client = await Factory.RegisterClientAsync();
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, client.Authorize());
        var themeUrl = AssertBranded(signIn.Page, logoUrl);
        Assert.Equal("someone@contoso.com", signIn.Page.ById(PageElementIds.SignInName)!.GetAttribute("placeholder"));
        var text = signIn.Page.ById("signInPageText")!;
        Assert.Equal("Welcome", text.QuerySelector("strong")!.TextContent);
        Assert.Equal("https://contoso.test/help", text.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(text.QuerySelector("script"));
        Assert.Contains("<script>alert(1)</script>", text.TextContent, StringComparison.Ordinal);

        var theme = await GetAsync(themeUrl);
        Assert.Equal("text/css", theme.Content.Headers.ContentType!.MediaType);
        var css = await theme.Content.ReadAsStringAsync();
        Assert.Contains("--bg: #102030;", css, StringComparison.Ordinal);
        Assert.Contains("--accent: #5c2d91;", css, StringComparison.Ordinal);
        Assert.Contains(background["url"]!, css, StringComparison.Ordinal);

        var step1 = await browser.OpenResetFromSignInAsync(client.Authorize());
        AssertBranded(step1.Page, logoUrl);
        var verified = await step1.VerifyAddressAsync(browser, Smtp, email);
        AssertBranded(verified.Page, logoUrl);
        var step2 = await verified.ContinueToNewPasswordAsync();
        AssertBranded(step2.Page, logoUrl);

        var error = await browser.NavigateAsync($"/{IdPFactory.Tenant}/B2C_1_nosuchflow/signin?tx=none");
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        AssertBranded(error, logoUrl);

        var viewer = await browser.NavigateAsync($"/{IdPFactory.Tenant}/run-now/result");
        AssertBranded(viewer, logoUrl);

        var audit = (await Admin.GetAsync("audit-log?type=admin.branding.*&pageSize=50")).Expect(200);
        Assert.Contains("admin.branding.updated", audit.Body, StringComparison.Ordinal);
        Assert.Contains("branding:banner-logo", audit.Body, StringComparison.Ordinal);
        Assert.Contains("branding:background-image", audit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_are_served_with_an_etag_and_cached_for_a_year_at_their_version_only()
    {
        var png = BrandingImages.Png(100, 30);
        var url = (await Admin.UploadAsync(Factory, "banner-logo", png)).Expect(200)["url"]!;

        using var served = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl!.ToString());
        var etag = served.Headers.ETag!;

        using var again = await GetAsync(url, etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        var replaced = (await Admin.UploadAsync(Factory, "banner-logo", BrandingImages.Png(100, 30, shade: 200))).Expect(200)["url"]!;
        Assert.NotEqual(url, replaced);
        using var stale = await GetAsync(url, etag.Tag);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.True(stale.Headers.CacheControl!.NoCache, "An old version must be revalidated, not cached for a year.");
        Assert.NotEqual(png, await stale.Content.ReadAsByteArrayAsync());

        (await Admin.DeleteAsync("branding/banner-logo")).Expect(204);
        (await Admin.DeleteAsync("branding/banner-logo")).Expect(404);
        using var gone = await GetAsync(replaced);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var client = await Factory.RegisterClientAsync();
        using var browser = Factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(browser, client.Authorize());
        Assert.Null(signIn.Page.ById(BannerLogo));
        Assert.Equal("Contoso Test", signIn.Page.Document!.QuerySelector(".banner .tenant-name")!.TextContent.Trim());
    }

    [Fact]
    public async Task Bad_uploads_and_values_are_refused_with_a_problem_that_says_why_and_nothing_changes()
    {
        var tooHeavy = BrandingImages.NoisyPng(200, 60);
        Assert.Contains("at most 10,240 bytes", Assert.Single((await Admin.UploadAsync(Factory, "banner-logo", tooHeavy)).ExpectInvalid("banner-logo")), StringComparison.Ordinal);
        Assert.Contains("at most 280×60 pixels", Assert.Single((await Admin.UploadAsync(Factory, "banner-logo", BrandingImages.Png(300, 60))).ExpectInvalid("banner-logo")), StringComparison.Ordinal);
        Assert.Contains("at most 1920×1080 pixels", Assert.Single((await Admin.UploadFormAsync(Factory, "background-image", BrandingImages.Png(2000, 100), "wide.png")).ExpectInvalid("background-image")), StringComparison.Ordinal);
        Assert.Contains("PNG, JPEG, GIF or SVG", Assert.Single((await Admin.UploadAsync(Factory, "square-logo", "<html>hello</html>"u8.ToArray(), "image/png")).ExpectInvalid("square-logo")), StringComparison.Ordinal);
        var scripted = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="30"><script>alert(document.cookie)</script></svg>"""u8.ToArray();
        Assert.Contains("may not contain script", Assert.Single((await Admin.UploadAsync(Factory, "banner-logo", scripted, "image/svg+xml")).ExpectInvalid("banner-logo")), StringComparison.Ordinal);
        (await Admin.UploadAsync(Factory, "favicon", BrandingImages.Png(10, 10))).Expect(404);

        (await Admin.PutAsync("branding", new { backgroundColor = "red", accentColor = "#ffee00", signInPageText = new string('x', 1025), usernameHint = new string('y', 65) })).ExpectInvalid("backgroundColor");
        var refused = (await Admin.PutAsync("branding", new { accentColor = "#ffee00", signInPageText = new string('x', 1025), usernameHint = new string('y', 65) }));
        Assert.Contains("contrast", Assert.Single(refused.ExpectInvalid("accentColor")), StringComparison.Ordinal);
        Assert.NotEmpty(refused.ErrorsFor("signInPageText"));
        Assert.NotEmpty(refused.ErrorsFor("usernameHint"));
        (await Admin.SendAsync(HttpMethod.Put, "branding", "{\"accentColor\": 5}")).ExpectInvalid("accentColor");

        var after = (await Admin.GetAsync("branding")).Expect(200);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.Json.GetProperty("accentColor").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.Json.GetProperty("bannerLogo").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.Json.GetProperty("squareLogo").ValueKind);

        using var anonymous = Factory.CreateHttpClient();
        using var noToken = await anonymous.PutAsync("/admin/api/branding/banner-logo", new ByteArrayContent(BrandingImages.Png(10, 10)));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    // The page carries the tenant's logo, stylesheet and icon; returns the theme stylesheet's address.
    private static string AssertBranded(Navigation page, string logoUrl)
    {
        var logo = page.ById(BannerLogo);
        Assert.True(logo is not null, $"No banner logo on {page.Url} ({(int)page.Status}).");
        Assert.Equal(logoUrl, logo.GetAttribute("src"));
        Assert.Equal("Contoso Test", logo.GetAttribute("alt"));
        Assert.NotNull(page.Document!.QuerySelector("link[rel=icon][href*='/branding/square-logo?v=']"));
        var theme = page.Document!.QuerySelector("link[rel=stylesheet][href*='/branding/theme.css?v=']");
        Assert.True(theme is not null, $"No theme stylesheet on {page.Url}.");
        return theme.GetAttribute("href")!;
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var client = Factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }
}

public sealed class BrandingTestsOnSqlite(BrandingFactory<Sqlite> factory) : BrandingTests(factory), IClassFixture<BrandingFactory<Sqlite>>;

public sealed class BrandingTestsOnPostgres(BrandingFactory<Postgres> factory) : BrandingTests(factory), IClassFixture<BrandingFactory<Postgres>>;
