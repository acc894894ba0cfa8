using AngleSharp.Html.Dom;
using IdP.Core.Branding;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The portal's "Company branding" page: colours, texts and images saved through the same core service as the admin API
/// (its rules, messages and audit events), refused input next to its field with nothing saved, images checked by the
/// core, administrators only, antiforgery on Save and on the preview's text rendering.
/// </summary>
public abstract class BrandingPortalTests(IdPFactory factory) : IAsyncLifetime
{
    // Branding is tenant-wide and the portal suites share a server: every test starts and ends with the default theme.
    public Task InitializeAsync() => ResetAsync();

    public Task DisposeAsync() => ResetAsync();

    [Fact]
    public async Task The_page_shows_every_field_the_limits_next_to_each_upload_and_an_antiforgery_token()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;

        var page = await browser.NavigateAsync("/admin/branding");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("page", page.ById("nav-branding")!.GetAttribute("aria-current"));
        foreach (var id in new[] { "backgroundColor", "accentColor", "signInPageText", "usernameHint", "defaultLanguage", "bannerLogoFile", "squareLogoFile", "backgroundImageFile" })
        {
            Assert.NotNull(page.Document!.QuerySelector($"label[for={id}]"));
        }

        Assert.Contains("at most 280×60 pixels and 10,240 bytes (10 KB)", page.Text("bannerLogo-limits"), StringComparison.Ordinal);
        Assert.Contains("at most 240×240 pixels and 51,200 bytes (50 KB)", page.Text("squareLogo-limits"), StringComparison.Ordinal);
        Assert.Contains("at most 1920×1080 pixels and 300,000 bytes (293 KB)", page.Text("backgroundImage-limits"), StringComparison.Ordinal);
        Assert.Equal("multipart/form-data", page.ById("branding-form")!.GetAttribute("enctype"));
        Assert.NotNull(page.Document!.QuerySelector("#branding-form input[name=__RequestVerificationToken]"));
        Assert.NotNull(page.ById("branding-preview"));
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/branding-preview.js']"));
    }

    [Fact]
    public async Task The_page_may_preview_chosen_images_and_fetch_the_text_but_still_runs_no_inline_script()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;

        using var response = await browser.Client.GetAsync("/admin/branding");

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' blob:;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        // The other pages keep the narrower policy.
        using var other = await browser.Client.GetAsync("/admin/password-reset");
        Assert.DoesNotContain("blob:", string.Join(' ', other.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_colours_and_texts_stores_them_audits_the_change_and_the_sign_in_page_shows_them()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var page = await browser.NavigateAsync("/admin/branding");

        var saved = await SaveAsync(browser, page, new Dictionary<string, string>
        {
            ["Input.BackgroundColor"] = "#ABC",
            ["Input.AccentColor"] = "#004e8c",
            ["Input.SignInPageText"] = "**Contoso** staff only. <script>alert(1)</script>",
            ["Input.UsernameHint"] = "you@contoso.example",
        });

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("/admin/branding", saved.Url.AbsolutePath);
        Assert.Equal("Company branding saved.", saved.Text("notice"));
        Assert.Equal("#aabbcc", (saved.ById("backgroundColor") as IHtmlInputElement)!.Value);
        Assert.Equal("#004e8c", (saved.ById("accentColor") as IHtmlInputElement)!.Value);
        Assert.Equal("you@contoso.example", saved.ById("preview-signInName")!.GetAttribute("placeholder"));
        // The preview's text is the sanitised rendering: bold kept, the script shown as text, never as an element.
        Assert.Equal("Contoso", saved.Document!.QuerySelector("#preview-text strong")!.TextContent);
        Assert.Null(saved.Document.QuerySelector("#preview-text script"));

        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Equal(("#aabbcc", "#004e8c", "you@contoso.example"), (stored.BackgroundColor, stored.AccentColor, stored.UsernameHint));
        Assert.Equal("**Contoso** staff only. <script>alert(1)</script>", stored.SignInPageText);

        var log = await browser.NavigateAsync($"/admin/audit-log?type={AdminEventTypes.BrandingUpdated}");
        Assert.Contains(log.Document!.QuerySelectorAll("#audit-events tbody tr"), row => row.TextContent.Contains($"idp-admin-portal:{admin.Account.Id}", StringComparison.Ordinal)
            && row.TextContent.Contains("background #aabbcc", StringComparison.Ordinal));

        using var visitor = factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(visitor, (await factory.RegisterClientAsync()).Authorize());
        Assert.Equal("you@contoso.example", signIn.Page.ById("signInName")!.GetAttribute("placeholder"));
        Assert.Equal("Contoso", signIn.Page.Document!.QuerySelector("#signInPageText strong")!.TextContent);
        var theme = signIn.Page.Document.QuerySelector("link[href*='/branding/theme.css']")!.GetAttribute("href")!;
        var css = await visitor.Client.GetStringAsync(theme);
        Assert.Contains("--bg: #aabbcc;", css, StringComparison.Ordinal);
        Assert.Contains("--accent: #004e8c;", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_colour_and_too_long_texts_are_shown_next_to_their_fields_and_nothing_is_saved()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var page = await browser.NavigateAsync("/admin/branding");

        var refused = await SaveAsync(browser, page, new Dictionary<string, string>
        {
            ["Input.BackgroundColor"] = "red",
            ["Input.AccentColor"] = "#ffff00",
            ["Input.SignInPageText"] = new string('x', SignInPageText.MaxLength + 1),
            ["Input.UsernameHint"] = new string('h', BrandingRules.UsernameHintMaxLength + 1),
        });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Null(refused.ById("notice"));
        Assert.Contains("'red' is not a colour: use #rgb or #rrggbb, e.g. #f2f2f2.", refused.FieldErrors("backgroundColor"));
        Assert.Contains(refused.FieldErrors("accentColor"), e => e.StartsWith("#ffff00 is too light", StringComparison.Ordinal));
        Assert.Contains($"The sign-in page text is {SignInPageText.MaxLength + 1} characters; it may be at most {SignInPageText.MaxLength}.", refused.FieldErrors("signInPageText"));
        Assert.Contains($"The username hint is {BrandingRules.UsernameHintMaxLength + 1} characters; it may be at most {BrandingRules.UsernameHintMaxLength}.", refused.FieldErrors("usernameHint"));
        // What was typed stays in the fields, to be corrected.
        Assert.Equal("red", (refused.ById("backgroundColor") as IHtmlInputElement)!.Value);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Equal((null, null, null, null), (stored.BackgroundColor, stored.AccentColor, stored.SignInPageText, stored.UsernameHint));
    }

    [Fact]
    public async Task An_accepted_logo_is_stored_shown_on_the_sign_in_page_and_can_be_removed()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var page = await browser.NavigateAsync("/admin/branding");
        var logo = BrandingImages.Png(200, 50);

        var saved = await SaveAsync(browser, page, new Dictionary<string, string> { ["Input.BackgroundColor"] = "#eeeeee" },
            new Dictionary<string, (byte[], string)> { ["Input.BannerLogo"] = (logo, "logo.png"), ["Input.SquareLogo"] = (BrandingImages.Png(64, 64), "icon.png") });

        Assert.Equal("Company branding saved.", saved.Text("notice"));
        Assert.Contains("200×50 px", saved.Text("bannerLogo-current"), StringComparison.Ordinal);
        Assert.Contains("64×64 px", saved.Text("squareLogo-current"), StringComparison.Ordinal);
        var logoUrl = saved.ById("preview-logo")!.GetAttribute("src")!;
        Assert.Matches("^/[a-z0-9.-]+/branding/banner-logo\\?v=[0-9a-f]+$", logoUrl);
        Assert.Equal(logo, await browser.Client.GetByteArrayAsync(logoUrl));
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Equal(("image/png", 200, 50, "#eeeeee"), (stored.BannerLogo!.ContentType, stored.BannerLogo.Width, stored.BannerLogo.Height, stored.BackgroundColor));
        var log = await browser.NavigateAsync($"/admin/audit-log?type={AdminEventTypes.BrandingImageUploaded}");
        Assert.Contains(log.Document!.QuerySelectorAll("#audit-events tbody tr"), row => row.TextContent.Contains($"idp-admin-portal:{admin.Account.Id}", StringComparison.Ordinal));

        using var visitor = factory.CreateBrowser();
        var signIn = await SignInPage.OpenAsync(visitor, (await factory.RegisterClientAsync()).Authorize());
        Assert.Equal(logoUrl, signIn.Page.ById("bannerLogo")!.GetAttribute("src"));

        var removed = await SaveAsync(browser, saved, new Dictionary<string, string> { ["Input.RemoveBannerLogo"] = "true" });

        Assert.Equal("Company branding saved.", removed.Text("notice"));
        Assert.Equal("None uploaded.", removed.Text("bannerLogo-current"));
        Assert.True(removed.ById("preview-logo")!.HasAttribute("hidden"));
        stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Null(stored.BannerLogo);
        Assert.NotNull(stored.SquareLogo);
        Assert.Equal("#eeeeee", stored.BackgroundColor);
    }

    [Fact]
    public async Task Refused_images_get_the_cores_message_next_to_their_field_and_nothing_of_the_save_is_stored()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var page = await browser.NavigateAsync("/admin/branding");
        var scripted = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="30"><script>alert(document.cookie)</script></svg>"""u8.ToArray();

        var refused = await SaveAsync(browser, page, new Dictionary<string, string> { ["Input.BackgroundColor"] = "#123456" },
            new Dictionary<string, (byte[], string)>
            {
                ["Input.BannerLogo"] = (BrandingImages.Png(300, 60), "wide.png"),
                ["Input.SquareLogo"] = (scripted, "icon.svg"),
                ["Input.BackgroundImage"] = ("not an image"u8.ToArray(), "background.png"),
            });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Null(refused.ById("notice"));
        Assert.Contains("The banner-logo is 300×60 pixels; it may be at most 280×60 pixels.", refused.FieldErrors("bannerLogoFile"));
        Assert.Contains(refused.FieldErrors("squareLogoFile"), e => e.Contains("may not contain script", StringComparison.Ordinal));
        Assert.Contains("The background-image must be a PNG, JPEG, GIF or SVG image; this file is none of them.", refused.FieldErrors("backgroundImageFile"));
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Equal((null, null, null, null), (stored.BackgroundColor, stored.BannerLogo, stored.SquareLogo, stored.BackgroundImage));

        var tooLarge = await SaveAsync(browser, page, new Dictionary<string, string>(),
            new Dictionary<string, (byte[], string)> { ["Input.BannerLogo"] = (BrandingImages.NoisyPng(100, 40), "noisy.png") });
        Assert.Contains(tooLarge.FieldErrors("bannerLogoFile"), e => e.StartsWith("The banner-logo is ", StringComparison.Ordinal) && e.EndsWith("it may be at most 10,240 bytes.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_preview_renders_the_text_with_the_sign_in_pages_sanitiser_and_needs_the_antiforgery_token()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var page = await browser.NavigateAsync("/admin/branding");
        var token = (page.Document!.QuerySelector("#branding-form input[name=__RequestVerificationToken]") as IHtmlInputElement)!.Value;
        var url = page.ById("branding-preview")!.GetAttribute("data-text-url")!;
        var markdown = "*Hello* <img src=x onerror=alert(1)> [site](javascript:alert(1)) [ok](https://contoso.example)";

        using var response = await browser.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["markdown"] = markdown }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var html = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString()!;
        Assert.Equal(SignInPageText.ToHtml(markdown), html);
        Assert.Contains("<em>Hello</em>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);

        using var forged = await browser.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["markdown"] = markdown }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_save_without_the_antiforgery_token_changes_nothing()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;

        using var form = new MultipartFormDataContent { { new StringContent("#123456"), "Input.BackgroundColor" } };
        using var response = await browser.Client.PostAsync("/admin/branding", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Null(stored.BackgroundColor);
    }

    [Fact]
    public async Task An_account_without_the_administrator_role_can_neither_see_nor_save_the_branding()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();

        var page = await browser.SignInToPortalAsync(user, "/admin/branding");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Null(page.ById("branding-form"));
        using var form = new MultipartFormDataContent { { new StringContent("#123456"), "Input.BackgroundColor" } };
        using var post = await browser.Client.PostAsync("/admin/branding", form);
        Assert.False(post.IsSuccessStatusCode, $"The save answered {(int)post.StatusCode}.");
        if (post.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/admin/access-denied", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().GetAsync(default));
        Assert.Null(stored.BackgroundColor);
    }

    [Fact]
    public async Task Texts_per_language_are_listed_with_the_built_in_text_saved_audited_and_shown_on_the_sign_in_page()
    {
        var (browser, admin) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var branding = await browser.NavigateAsync("/admin/branding");
        var page = await browser.NavigateAsync(branding.ById("strings-fr")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/admin/branding/strings/fr", page.Url.AbsolutePath);
        var row = page.Document!.QuerySelector("#strings tr[data-key='SignIn.button_signin']")!;
        Assert.Contains("Se connecter", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#strings-form input[name=__RequestVerificationToken]"));

        var saved = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["o.SignIn.button_signin"] = "Connexion" });

        Assert.Equal("Texts saved (fr).", saved.Text("notice"));
        Assert.Equal("Connexion", (saved.ById("string-SignIn-button_signin") as IHtmlInputElement)!.Value);
        var entries = Assert.IsType<AdminResult<IReadOnlyList<StringEntry>>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().StringsAsync("fr", default))).Value;
        Assert.Equal(["SignIn.button_signin"], entries.Where(e => e.Override is not null).Select(e => e.Key));
        using var visitor = factory.CreateBrowser();
        Assert.Equal("Connexion", (await SignInPage.OpenAsync(visitor, (await factory.RegisterClientAsync()).Authorize() with { UiLocales = "fr" })).Page.Text("next"));
        var log = await browser.NavigateAsync($"/admin/audit-log?type={AdminEventTypes.BrandingStringsChanged}");
        Assert.Contains(log.Document!.QuerySelectorAll("#audit-events tbody tr"), r => r.TextContent.Contains($"idp-admin-portal:{admin.Account.Id}", StringComparison.Ordinal)
            && r.TextContent.Contains("SignIn.button_signin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_without_the_built_in_placeholders_is_refused_next_to_its_field_and_an_unknown_language_is_not_found()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        var page = await browser.NavigateAsync("/admin/branding/strings/fr");

        var refused = await browser.ClickAsync(page, "save", new Dictionary<string, string> { ["o.ResetEmail.CodeSubject"] = "Votre code", ["o.SignIn.button_signin"] = "Connexion" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Null(refused.ById("notice"));
        Assert.Contains(refused.FieldErrors("string-ResetEmail-CodeSubject"), e => e.StartsWith("The text must keep the placeholders of the built-in one", StringComparison.Ordinal));
        Assert.Equal("Votre code", (refused.ById("string-ResetEmail-CodeSubject") as IHtmlInputElement)!.Value);
        var entries = Assert.IsType<AdminResult<IReadOnlyList<StringEntry>>.Done>(await factory.WithScopeAsync(sp => sp.GetRequiredService<BrandingAdministration>().StringsAsync("fr", default))).Value;
        Assert.All(entries, e => Assert.Null(e.Override));

        Assert.Equal(HttpStatusCode.NotFound, (await browser.NavigateAsync("/admin/branding/strings/de")).Status);
    }

    // Submits the branding form as a browser does with enctype=multipart/form-data: every field of the form (the
    // antiforgery token, the text fields, the textarea and the select) with the given values, and the chosen files.
    private static Task<Navigation> SaveAsync(Browser browser, Navigation page, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, (byte[] Content, string FileName)>? files = null)
    {
        var form = (IHtmlFormElement)page.ById("branding-form")!;
        var content = new MultipartFormDataContent();
        var names = new HashSet<string>();
        foreach (var element in form.Elements)
        {
            var (name, value) = element switch
            {
                IHtmlInputElement { Type: "file" or "submit" or "button" } => (null, null),
                IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } input => values.ContainsKey(input.Name ?? "") ? (input.Name, values[input.Name!]) : (null, null),
                IHtmlInputElement input => (input.Name, input.Value),
                IHtmlTextAreaElement area => (area.Name, area.Value),
                IHtmlSelectElement select => (select.Name, select.Value),
                _ => (null, null),
            };
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            names.Add(name);
            content.Add(new StringContent(values.TryGetValue(name, out var given) ? given : value ?? ""), name);
        }

        foreach (var (name, value) in values.Where(v => !names.Contains(v.Key)))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, (bytes, fileName)) in files ?? new Dictionary<string, (byte[], string)>())
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new("application/octet-stream");
            content.Add(file, name, fileName);
        }

        return browser.SendAndFollowAsync(new HttpRequestMessage(HttpMethod.Post, page.Url) { Content = content });
    }

    private Task ResetAsync() => factory.WithScopeAsync(async sp =>
    {
        var branding = sp.GetRequiredService<BrandingAdministration>();
        Assert.IsType<AdminResult<BrandingDetails>.Done>(await branding.ChangeAsync(new BrandingInput(), "test", default));
        foreach (var kind in Enum.GetValues<BrandingImageKind>())
        {
            await branding.RemoveImageAsync(kind, "test", default);
        }

        foreach (var language in Languages.Supported)
        {
            await branding.SetStringsAsync(language, new Dictionary<string, string?>(), "test", default);
        }
    });
}

[Collection(PortalOnSqlite.Name)]
public sealed class BrandingPortalTestsOnSqlite(PortalFactory<Sqlite> factory) : BrandingPortalTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class BrandingPortalTestsOnPostgres(PortalFactory<Postgres> factory) : BrandingPortalTests(factory);
