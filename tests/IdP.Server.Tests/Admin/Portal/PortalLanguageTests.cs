using IdP.Core.Branding;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The portal speaks the administrator's language as the Azure portal does: a browser asking for French gets every page
/// in French (the Azure portal's French words for B2C), with <c>lang="fr"</c>, French validation messages and notices
/// and numbers written the French way; a browser asking for English gets the same pages in English.
/// </summary>
public abstract class PortalLanguageTests(IdPFactory factory)
{
    private const string Nbsp = "\u00a0";
    private const string FlowPage = $"/admin/user-flows/{IdPFactory.SignInPolicy}";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    [Fact]
    public async Task A_browser_asking_for_french_gets_the_portal_in_french()
    {
        using var browser = await FrenchPortalAsync();

        var home = await OpenAsync(browser, "/admin", "fr");
        Assert.Equal("Vue d’ensemble", Heading(home));
        Assert.Equal(
            ["Vue d’ensemble", "Inscriptions d’applications", "Flux d’utilisateurs", "Utilisateurs", "Groupes", "Réinitialisation du mot de passe",
                "Personnalisation de la marque de l’entreprise", "Journaux d’audit"],
            home.Document!.QuerySelectorAll("nav.portal-nav a").Select(a => a.TextContent.Trim()));
        Assert.Equal("Se déconnecter", home.Text("sign-out"));
        Assert.StartsWith("Vue d’ensemble - Administration - ", home.Document.Title, StringComparison.Ordinal);
        Assert.Contains(home.Text("reset-mode"), new[] { "Aucun", "Sélectionné", "Tout" });

        var flows = await OpenAsync(browser, "/admin/user-flows", "fr");
        Assert.Equal("Flux d’utilisateurs", Heading(flows));
        Assert.Equal(["Nom", "Type", "Connexion au compte local avec", "Création (UTC)"], Headers(flows, "user-flows"));
        var signInRow = flows.Document!.QuerySelector($"#user-flows tr[data-policy='{IdPFactory.SignInPolicy}']")!;
        Assert.Equal("Connexion", signInRow.Children[1].TextContent.Trim());
        Assert.Equal("Nouveau flux d’utilisateur", flows.Document.QuerySelector("main h2")!.TextContent.Trim());
        Assert.Equal(["E-mail", "Nom d’utilisateur"], flows.Document.QuerySelectorAll("#Input_SignInType option").Select(o => o.TextContent.Trim()));
        // A data-annotation message of the portal's form, in French, next to its field.
        var refused = await browser.ClickAsync(flows, "create-flow", new Dictionary<string, string> { ["Input.Name"] = "" });
        Assert.Equal("fr", Lang(refused));
        Assert.Contains("Entrez un nom.", refused.FieldErrors("Input_Name"));

        var flow = await OpenAsync(browser, FlowPage, "fr");
        Assert.Equal("Exécuter le flux d’utilisateur", flow.Document!.QuerySelector("#run-now h2")!.TextContent.Trim());
        Assert.Equal("Exécuter le flux d’utilisateur", flow.Text("run-button"));
        Assert.Equal("Point de terminaison Exécuter le flux d’utilisateur", flow.Document.QuerySelector("label[for=run-endpoint]")!.TextContent.Trim());
        Assert.Equal("Copier dans le Presse-papiers", flow.Document.QuerySelector("button.copy")!.TextContent.Trim());
        Assert.Contains("Propriétés", flow.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("Complexité du mot de passe", flow.Document.QuerySelector("label[for=Input_ComplexityLevel]")!.TextContent.Trim());
        Assert.Equal(["Simple", "Fort", "Personnalisé"], flow.Document.QuerySelectorAll("#Input_ComplexityLevel option").Select(o => o.TextContent.Trim()));
        Assert.Equal(["Simple", "Strong", "Custom"], flow.Document.QuerySelectorAll("#Input_ComplexityLevel option").Select(o => o.GetAttribute("value")!));
        Assert.Equal("Enregistrer", flow.Text("save"));

        var users = await OpenAsync(browser, "/admin/users", "fr");
        Assert.Equal("Utilisateurs", Heading(users));
        Assert.Equal(["Nom d’affichage", "E-mail de connexion", "Nom d’utilisateur", "État", "Création (UTC)"], Headers(users, "users"));
        Assert.Equal("Nouvel utilisateur", users.Text("new-user"));
        Assert.Equal("Rechercher", users.Text("search-button"));
        Assert.Matches(@"^Page \d+ sur \d+ \(\d+ au total\)$", users.Document!.QuerySelector("#pager span")!.TextContent.Trim());
        Assert.Contains("Activé", users.Document.QuerySelectorAll("#users tbody td").Select(td => td.TextContent.Trim()));

        var applications = await OpenAsync(browser, "/admin/applications", "fr");
        Assert.Equal("Inscriptions d’applications", Heading(applications));
        Assert.Equal("Nouvelle inscription", applications.Text("new-application"));
        Assert.Equal(["Nom", "ID d’application (client)", "Plateformes", "Secrets", "Exposer une API"], Headers(applications, "applications"));
        Assert.Equal("Applications intégrées", applications.Document!.QuerySelector("main h2")!.TextContent.Trim());

        var branding = await OpenAsync(browser, "/admin/branding", "fr");
        Assert.Equal("Personnalisation de la marque de l’entreprise", Heading(branding));
        Assert.Equal("Couleur d’arrière-plan de la page", branding.Document!.QuerySelector("label[for=backgroundColor]")!.TextContent.Trim());
        Assert.Equal("Logo de bannière", branding.Document.QuerySelector("#bannerLogo-field legend")!.TextContent.Trim());
        // Byte counts are written the French way (digit groups apart, not "1,048,576").
        var limits = BrandingImageRules.LimitsOf(BrandingImageKind.BannerLogo);
        var limitsText = branding.Text("bannerLogo-limits")!;
        Assert.Contains($"{limits.MaxBytes.ToString("N0", French)} octets", limitsText, StringComparison.Ordinal);
        Assert.DoesNotContain(limits.MaxBytes.ToString("N0", CultureInfo.InvariantCulture), limitsText, StringComparison.Ordinal);
        Assert.Contains(" Ko)", limitsText, StringComparison.Ordinal);
        Assert.Equal("Aperçu", branding.Text("preview-heading"));

        var reset = await OpenAsync(browser, "/admin/password-reset", "fr");
        Assert.Equal("Réinitialisation du mot de passe", Heading(reset));
        Assert.Equal("Réinitialisation du mot de passe en libre-service activée", reset.Text("mode-label"));
        Assert.Equal(["Aucun", "Sélectionné", "Tout"], reset.Document!.QuerySelectorAll("label.choice").Select(l => l.TextContent.Trim()));
        Assert.Equal(["None", "Selected", "All"], reset.Document.QuerySelectorAll("input[name='Input.Mode']").Select(i => i.GetAttribute("value")!));
        Assert.Equal("Enregistrer", reset.Text("save"));
        // Saving what is already chosen changes nothing and answers with the French notice.
        var current = reset.Document.QuerySelector("input[name='Input.Mode'][checked]")!.GetAttribute("value")!;
        var saved = await browser.ClickAsync(reset, "save", new Dictionary<string, string> { ["Input.Mode"] = current, ["Input.GroupId"] = reset.Selected("groupId") ?? "" });
        Assert.Equal("fr", Lang(saved));
        Assert.StartsWith($"Enregistré. Réinitialisation du mot de passe en libre-service activée{Nbsp}: ", saved.Text("notice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_asking_for_english_gets_the_same_pages_in_english()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9,fr;q=0.5");

        var home = await OpenAsync(browser, "/admin", "en");
        Assert.Equal("Overview", Heading(home));
        Assert.Equal(
            ["Overview", "App registrations", "User flows", "Users", "Groups", "Password reset", "Company branding", "Audit log"],
            home.Document!.QuerySelectorAll("nav.portal-nav a").Select(a => a.TextContent.Trim()));
        Assert.Equal("Sign out", home.Text("sign-out"));
        Assert.Contains(home.Text("reset-mode"), new[] { "None", "Selected", "All" });
        Assert.Equal("User flows", Heading(await OpenAsync(browser, "/admin/user-flows", "en")));
        var flow = await OpenAsync(browser, FlowPage, "en");
        Assert.Equal("Run user flow", flow.Text("run-button"));
        Assert.Equal(["Simple", "Strong", "Custom"], flow.Document!.QuerySelectorAll("#Input_ComplexityLevel option").Select(o => o.TextContent.Trim()));
        Assert.Equal("Users", Heading(await OpenAsync(browser, "/admin/users", "en")));
        Assert.Equal("App registrations", Heading(await OpenAsync(browser, "/admin/applications", "en")));
        var branding = await OpenAsync(browser, "/admin/branding", "en");
        Assert.Equal("Company branding", Heading(branding));
        Assert.Contains($"{BrandingImageRules.LimitsOf(BrandingImageKind.BannerLogo).MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes", branding.Text("bannerLogo-limits"), StringComparison.Ordinal);
        var reset = await OpenAsync(browser, "/admin/password-reset", "en");
        Assert.Equal("Self service password reset enabled", reset.Text("mode-label"));
        Assert.Equal("Save", reset.Text("save"));
    }

    /// <summary>
    /// What the core's rules refuse (IdP.Core's AdminText) stands next to its field in the browser's language: French
    /// words for a French browser, today's English words for an English one. The portal's own form checks come first
    /// (a missing name, a name longer than the column), so each case here is one only the core's rules catch.
    /// </summary>
    [Theory]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.5", "fr")]
    [InlineData("en-US,en;q=0.9,fr;q=0.5", "en")]
    public async Task The_core_rules_refusals_stand_next_to_their_fields_in_the_browsers_language(string acceptLanguage, string language)
    {
        var french = language == "fr";
        var (browser, _) = await factory.PortalBrowserAsync();
        using var _b = browser;
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        // A user flow name with nothing after the B2C_1_ prefix.
        var flows = await OpenAsync(browser, "/admin/user-flows", language);
        var flow = await browser.ClickAsync(flows, "create-flow", new Dictionary<string, string> { ["Input.Name"] = "B2C_1_" });
        Assert.Equal(language, Lang(flow));
        Assert.Equal(
            [french ? "Le nom d’un flux d’utilisateur doit comporter au moins un caractère après le préfixe B2C_1_." : "A user flow name needs at least one character after the B2C_1_ prefix."],
            flow.FieldErrors("Input_Name"));

        // An application id that another registration has.
        var clientId = "l10n-" + Guid.NewGuid().ToString("N");
        var registration = new Dictionary<string, string> { ["Input.ClientId"] = clientId, ["Input.DisplayName"] = "Language test" };
        var registered = await browser.ClickAsync(await OpenAsync(browser, "/admin/applications/new", language), "register", registration);
        Assert.EndsWith($"/admin/applications/{clientId}", registered.Url.AbsolutePath, StringComparison.Ordinal);
        var duplicate = await browser.ClickAsync(await OpenAsync(browser, "/admin/applications/new", language), "register", registration);
        Assert.Equal(
            [french ? $"Une application avec l’ID «{Nbsp}{clientId}{Nbsp}» existe déjà." : $"An application with the id '{clientId}' already exists."],
            duplicate.FieldErrors("Input_ClientId"));

        // A password that mixes one kind of character (and is a common one).
        var user = await browser.ClickAsync(await OpenAsync(browser, "/admin/users/new", language), "create", new Dictionary<string, string>
        {
            ["Input.SignInEmail"] = $"l10n-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "password",
        });
        Assert.Contains(
            french ? $"Le mot de passe doit combiner au moins 3 de ces types{Nbsp}: minuscules, majuscules, chiffres et symboles." : "The password must mix at least 3 of: lowercase letters, uppercase letters, digits and symbols.",
            user.FieldErrors("Input_Password"));
        Assert.Contains(
            french ? $"Ce mot de passe figure dans la liste des mots de passe courants{Nbsp}: choisissez-en un autre." : "The password is on the list of commonly used passwords: choose another.",
            user.FieldErrors("Input_Password"));

        // A group name of 300 characters (the portal's form refuses it before the core), and a name another group has.
        var groups = await OpenAsync(browser, "/admin/groups", language);
        var tooLong = await browser.ClickAsync(groups, "create-group", new Dictionary<string, string> { ["Input.Name"] = new string('g', 300) });
        Assert.Equal([french ? "Cette valeur est trop longue." : "This value is too long."], tooLong.FieldErrors("Input_Name"));
        var name = "l10n-" + Guid.NewGuid().ToString("N")[..8];
        await browser.ClickAsync(await OpenAsync(browser, "/admin/groups", language), "create-group", new Dictionary<string, string> { ["Input.Name"] = name });
        var taken = await browser.ClickAsync(await OpenAsync(browser, "/admin/groups", language), "create-group", new Dictionary<string, string> { ["Input.Name"] = name });
        Assert.Equal([french ? $"Un groupe nommé «{Nbsp}{name}{Nbsp}» existe déjà." : $"A group named '{name}' already exists."], taken.FieldErrors("Input_Name"));
    }

    /// <summary>A browser signed in to the portal that then asks for French (the sign-in itself is not the point here).</summary>
    private async Task<Browser> FrenchPortalAsync()
    {
        var (browser, _) = await factory.PortalBrowserAsync();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9,en;q=0.5");
        return browser;
    }

    private static async Task<Navigation> OpenAsync(Browser browser, string path, string language)
    {
        var page = await browser.NavigateAsync(path);
        Assert.True(page.Status == HttpStatusCode.OK && Lang(page) == language, $"Expected {path} in {language}, got {(int)page.Status} lang={Lang(page)} at {page.Url}.");
        return page;
    }

    private static string? Lang(Navigation page) => page.Document!.DocumentElement.GetAttribute("lang");

    private static string Heading(Navigation page) => page.Document!.QuerySelector("main h1")!.TextContent.Trim();

    private static string[] Headers(Navigation page, string tableId) =>
        [.. page.Document!.QuerySelectorAll($"#{tableId} thead th").Select(th => th.TextContent.Trim())];
}

[Collection(PortalOnSqlite.Name)]
public sealed class PortalLanguageTestsOnSqlite(PortalFactory<Sqlite> factory) : PortalLanguageTests(factory);

[Collection(PortalOnPostgres.Name)]
public sealed class PortalLanguageTestsOnPostgres(PortalFactory<Postgres> factory) : PortalLanguageTests(factory);
