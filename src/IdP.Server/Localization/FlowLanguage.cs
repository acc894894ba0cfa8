using IdP.Server.Admin.Api;
using Microsoft.AspNetCore.Localization;

namespace IdP.Server.Localization;

/// <summary>
/// The language of pages and emails, chosen as B2C chooses it: the app's <c>ui_locales</c> (on the request itself, or
/// on the authorize request that started the journey a page belongs to, so every step of a flow keeps the app's
/// choice), then the browser's <c>Accept-Language</c>, then the tenant's default language, then English. The admin API
/// is always English.
/// </summary>
public static class FlowLanguage
{
    /// <summary>The OpenID Connect parameter apps choose the language with.</summary>
    public const string UiLocales = "ui_locales";

    private static readonly ProviderCultureResult AdminApiLanguage = new(Languages.Default);

    public static IApplicationBuilder UseFlowLanguage(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            var supported = Languages.Supported.ToArray();
            options.SetDefaultCulture(Languages.Default).AddSupportedCultures(supported).AddSupportedUICultures(supported);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(ForAdminApi),
                new CustomRequestCultureProvider(FromUiLocalesAsync),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
                new CustomRequestCultureProvider(FromTenantAsync),
            ];
        });

    /// <summary>
    /// Puts the request's language back on the current thread for the status-code and exception handlers: they run
    /// outside the localization middleware (after it returned, or before it ran), whose culture does not flow back out.
    /// The language it chose is kept on the request; when it never ran, <c>ui_locales</c> and Accept-Language decide
    /// (no database read: the database may be why this page is shown).
    /// </summary>
    public static void UseRequestLanguage(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chosen = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name;
        var language = Languages.Normalize(chosen)
            ?? FirstSupported(context.Request.Query[UiLocales].ToString())
            ?? Languages.FirstSupported(AcceptedLanguages(context))
            ?? Languages.Default;
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    private static IEnumerable<string?> AcceptedLanguages(HttpContext context) =>
        context.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Take(5)
            .Select(l => l.Value.Value);

    /// <summary>
    /// The admin API answers in English whatever the caller's Accept-Language says: it is for scripts and tools, as
    /// Microsoft Graph is, and the same words for the same problem are what scripts match on and support tickets quote.
    /// The portal shows the same rules' messages in the administrator's language.
    /// </summary>
    private static Task<ProviderCultureResult?> ForAdminApi(HttpContext context) =>
        Task.FromResult<ProviderCultureResult?>(AdminApiStatus.Handles(context) ? AdminApiLanguage : null);

    private static async Task<ProviderCultureResult?> FromUiLocalesAsync(HttpContext context)
    {
        var locales = context.Request.Query[UiLocales].ToString();
        if (locales.Length == 0 && context.Request.Query[JourneyLinks.JourneyParameter] is { Count: 1 } tx && tx[0] is { Length: > 0 and <= 128 } id)
        {
            var journey = await context.RequestServices.GetRequiredService<JourneyService>().FindAsync(id, BrowserBinding.Read(context), context.RequestAborted);
            locales = journey is null ? "" : UiLocalesOf(journey.AuthorizeUrl);
        }

        return FirstSupported(locales) is { } language
            ? new ProviderCultureResult(language)
            : null;
    }

    private static async Task<ProviderCultureResult?> FromTenantAsync(HttpContext context)
    {
        if (!TenantStringsMiddleware.MayRenderPage(context.Request.Path))
        {
            // No page or email here (discovery, JWKS, tokens, health, admin API): a database read would cost each of
            // them a query, and liveness must not depend on the database at all.
            return null;
        }

        var language = await context.RequestServices.GetRequiredService<BrandingService>().DefaultLanguageAsync(context.RequestAborted);
        return Languages.Normalize(language) is { } supported ? new ProviderCultureResult(supported) : null;
    }

    // ui_locales is a space-separated list in order of preference (OpenID Connect Core 1.0, section 3.1.2.1).
    private static string? FirstSupported(string locales) => Languages.FirstSupported(locales.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // The stored authorize request is a path and query on our own endpoint.
    private static string UiLocalesOf(string authorizeUrl)
    {
        var query = authorizeUrl.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? authorizeUrl[at..] : "";
        return QueryHelpers.ParseQuery(query).TryGetValue(UiLocales, out var value) ? value.ToString() : "";
    }
}
