namespace IdP.Server.Tests.Branding;

/// <summary>
/// Pages and emails in English or French: the app's <c>ui_locales</c> (kept for every step of the flow), then the
/// browser's Accept-Language, then the tenant's default language; the verification and password-changed emails come in
/// the flow's language with the tenant's logo and colours.
/// </summary>
public abstract class LanguageTests(IBrandingServer server) : BrandingSuite(server)
{
    private const string Nbsp = "\u00a0";

    [Fact]
    public async Task A_tenant_overrides_page_strings_per_language_through_the_admin_api()
    {
        var catalog = (await Admin.GetAsync("branding/strings/fr")).Expect(200).Json.EnumerateArray().ToList();
        // Each language lists the text its pages show when nothing overrides it.
        var button = Assert.Single(catalog, e => e.GetProperty("key").GetString() == "SignIn.button_signin");
        Assert.Equal("Se connecter", button.GetProperty("default").GetString());
        var englishCatalog = (await Admin.GetAsync("branding/strings/en")).Expect(200).Json.EnumerateArray();
        Assert.Equal("Sign in", Assert.Single(englishCatalog, e => e.GetProperty("key").GetString() == "SignIn.button_signin").GetProperty("default").GetString());
        Assert.Contains(catalog, e => e.GetProperty("key").GetString() == "PasswordReset.ver_fail_retry");
        Assert.Contains(catalog, e => e.GetProperty("key").GetString() == "ResetEmail.CodeSubject");

        var saved = (await Admin.PutAsync("branding/strings/fr", new Dictionary<string, string?>
        {
            ["SignIn.button_signin"] = "Connexion",
            ["SignIn.requiredField_password"] = "Le mot de passe est obligatoire",
            ["ResetEmail.CodeSubject"] = "Votre code {0}",
        })).Expect(200);
        Assert.Contains(saved.Json.EnumerateArray(), e => e.GetProperty("key").GetString() == "SignIn.button_signin" && e.GetProperty("override").GetString() == "Connexion");
        (await Admin.PutAsync("branding/strings/en", new Dictionary<string, string?> { ["SignIn.HeadingEmail"] = "Welcome back to Contoso" })).Expect(200);

        var client = await Factory.RegisterClientAsync();
        using var browser = Factory.CreateBrowser();
        var french = await SignInPage.OpenAsync(browser, client.Authorize() with { UiLocales = "fr" });
        Assert.Equal("Connexion", french.Page.Text(PageElementIds.Next));
        Assert.Equal("Connectez-vous avec votre adresse e-mail", french.Page.Document!.QuerySelector("#api h2")!.TextContent.Trim());
        var missing = SignInPage.On(browser, await french.SignInAsync("someone@example.com", ""));
        Assert.Contains("Le mot de passe est obligatoire", missing.Page.Body, StringComparison.Ordinal);
        var english = await SignInPage.OpenAsync(browser, client.Authorize() with { UiLocales = "en" });
        Assert.Equal("Sign in", english.Page.Text(PageElementIds.Next));
        Assert.Equal("Welcome back to Contoso", english.Page.Document!.QuerySelector("#api h2")!.TextContent.Trim());

        (await Admin.PutAsync("branding/strings/fr", new Dictionary<string, string?> { ["SignIn.nope"] = "x" })).ExpectInvalid("SignIn.nope");
        Assert.Contains("placeholders", Assert.Single((await Admin.PutAsync("branding/strings/fr", new Dictionary<string, string?> { ["ResetEmail.CodeSubject"] = "Votre code" })).ExpectInvalid("ResetEmail.CodeSubject")), StringComparison.Ordinal);
        (await Admin.PutAsync("branding/strings/fr", new Dictionary<string, string?> { ["ResetEmail.CodeSubject"] = "Code {0} {1}" })).ExpectInvalid("ResetEmail.CodeSubject");
        (await Admin.PutAsync("branding/strings/fr", new Dictionary<string, string?> { ["SignIn.button_signin"] = "Connexion {" })).ExpectInvalid("SignIn.button_signin");
        (await Admin.PutAsync("branding/strings/de", new Dictionary<string, string?>())).Expect(404);
        Assert.Equal("Connexion", (await SignInPage.OpenAsync(browser, client.Authorize() with { UiLocales = "fr" })).Page.Text(PageElementIds.Next));
        Assert.Contains("branding:strings:fr", (await Admin.GetAsync("audit-log?type=admin.branding.strings_changed")).Expect(200).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flow_asked_for_in_french_signs_in_and_resets_in_french_and_its_emails_come_in_french_with_the_branding()
    {
        (await Admin.PutAsync("branding", new { accentColor = "#5c2d91", backgroundColor = "#eeeeff" })).Expect(200);
        var logoUrl = (await Admin.UploadAsync(Factory, "banner-logo", BrandingImages.Png(120, 40))).Expect(200)["url"]!;
        var email = $"fr-{Guid.NewGuid():N}@example.com";
        await Factory.CreateAccountAsync(email, "Old-Password-1");
        var client = await Factory.RegisterClientAsync();
        using var browser = Factory.CreateBrowser();
        // The browser prefers English: the app's ui_locales wins.
        browser.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        var request = client.Authorize() with { UiLocales = "fr-FR en" };

        var signIn = await SignInPage.OpenAsync(browser, request);
        AssertFrench(signIn.Page);
        Assert.Equal("Connectez-vous avec votre adresse e-mail", signIn.Page.Document!.QuerySelector("#api h2")!.TextContent.Trim());
        Assert.Equal("Adresse e-mail", signIn.SignInNameLabel);
        Assert.Equal("Se connecter", signIn.Page.Text(PageElementIds.Next));
        Assert.Equal($"Votre compte n’est pas accessible{Nbsp}?", signIn.Page.Text(PageElementIds.ForgotPassword));
        var wrong = SignInPage.On(browser, await signIn.SignInAsync(email, "not-the-password"));
        Assert.Equal("Nom d’utilisateur ou mot de passe non valide.", wrong.Error);

        var step1 = ResetPasswordPage.On(browser, await browser.NavigateAsync(wrong.ForgotPasswordHref!));
        AssertFrench(step1.Page);
        Assert.Equal("Réinitialiser le mot de passe à l’aide de l’adresse e-mail", step1.Heading);
        Assert.Equal("Envoyer le code de vérification", step1.Text(PageElementIds.EmailVerifySend));
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        Assert.Equal("Le code de vérification a été envoyé à votre boîte de réception. Copiez-le dans la zone de saisie ci-dessous.", sent.Info);
        Assert.Equal("Vérifier le code", sent.Text(PageElementIds.EmailVerifyVerify));

        var codeMail = await Smtp.WaitForMessageAsync(email);
        Assert.Equal("Code de vérification de l’adresse e-mail du compte Contoso Test", codeMail.Subject);
        Assert.Contains("Ce code est valide pendant", codeMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", codeMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Vérifiez votre adresse e-mail", codeMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{IdPFactory.Origin}{logoUrl.Replace("&", "&amp;", StringComparison.Ordinal)}\" alt=\"Contoso Test\"", codeMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("background:#5c2d91", codeMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("background:#eeeeff", codeMail.HtmlBody, StringComparison.Ordinal);
        var code = TestSmtpServer.CodeIn(codeMail);

        var incorrect = ResetPasswordPage.On(browser, await sent.VerifyAsync(code == "000000" ? "111111" : "000000"));
        Assert.Equal("Ce code est incorrect. Réessayez.", incorrect.Error);
        var verified = ResetPasswordPage.On(browser, await incorrect.VerifyAsync(code));
        Assert.Equal("Adresse e-mail vérifiée. Vous pouvez maintenant continuer.", verified.Success);
        Assert.Equal("Continuer", verified.Text(PageElementIds.Continue));

        var step2 = await verified.ContinueToNewPasswordAsync();
        AssertFrench(step2.Page);
        Assert.Equal("Nouveau mot de passe", step2.Label(PageElementIds.NewPassword));
        var mismatch = NewPasswordPage.On(browser, await step2.SetPasswordAsync("Fresh-Garden-42", "Fresh-Garden-43"));
        Assert.Equal("Les champs de saisie du mot de passe ne correspondent pas. Entrez le même mot de passe dans les deux champs, puis réessayez.", mismatch.Error);
        var done = await mismatch.SetPasswordAsync("Fresh-Garden-42");
        Assert.NotNull(done.ExternalRedirect);

        var changedMail = await Smtp.WaitForMessageAsync(email, count: 2);
        Assert.Equal("Le mot de passe de votre compte Contoso Test a été modifié", changedMail.Subject);
        Assert.Contains("<html lang=\"fr\">", changedMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Si vous ne l’avez pas modifié", changedMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("alt=\"Contoso Test\"", changedMail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_ui_locales_the_browser_language_decides_then_the_tenant_default()
    {
        var client = await Factory.RegisterClientAsync();
        using (var french = Factory.CreateBrowser())
        {
            french.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA,fr;q=0.9,en;q=0.5");
            var page = await SignInPage.OpenAsync(french, client.Authorize());
            AssertFrench(page.Page);
            var english = await SignInPage.OpenAsync(french, client.Authorize() with { UiLocales = "en" });
            Assert.Equal("en", Lang(english.Page));
            Assert.Equal("Sign in with your email address", english.Page.Document!.QuerySelector("#api h2")!.TextContent.Trim());

            var missing = await french.NavigateAsync($"/{IdPFactory.Tenant}/B2C_1_nosuchflow/signin?tx=none");
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("Page introuvable", missing.Document!.QuerySelector("#api h1")!.TextContent.Trim());
            Assert.Equal("ID de corrélation", missing.Document!.QuerySelector(".error-trace dt")!.TextContent.Trim());

            var viewer = await french.NavigateAsync($"/{IdPFactory.Tenant}/run-now/result");
            AssertFrench(viewer);
            Assert.Equal($"Exécuter maintenant{Nbsp}: visionneuse de jetons", viewer.Document!.QuerySelector("h1")!.TextContent.Trim());
        }

        using var noPreference = Factory.CreateBrowser();
        Assert.Equal("en", Lang((await SignInPage.OpenAsync(noPreference, client.Authorize())).Page));
        Assert.Equal("en", (await Admin.GetAsync("branding")).Expect(200)["defaultLanguage"]);

        (await Admin.PutAsync("branding", new { defaultLanguage = "fr" })).Expect(200);
        AssertFrench((await SignInPage.OpenAsync(noPreference, client.Authorize())).Page);
        using var german = Factory.CreateBrowser();
        german.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        AssertFrench((await SignInPage.OpenAsync(german, client.Authorize())).Page);

        (await Admin.PutAsync("branding", new { defaultLanguage = "de" })).ExpectInvalid("defaultLanguage");
    }

    private static string? Lang(Navigation page) => page.Document!.DocumentElement.GetAttribute("lang");

    private static void AssertFrench(Navigation page) =>
        Assert.True(Lang(page) == "fr", $"Expected a French page at {page.Url}, got lang={Lang(page)}.");
}

public sealed class LanguageTestsOnSqlite(BrandingFactory<Sqlite> factory) : LanguageTests(factory), IClassFixture<BrandingFactory<Sqlite>>;

public sealed class LanguageTestsOnPostgres(BrandingFactory<Postgres> factory) : LanguageTests(factory), IClassFixture<BrandingFactory<Postgres>>;
