using IdP.Server.Admin.Api;
using IdP.Server.Health;
using IdP.Server.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IdP.Server.Hosting;

/// <summary>Start-up, middleware and endpoint mapping.</summary>
public static class IdPApplicationExtensions
{
    /// <summary>Migrates and seeds the database and loads token keys, before the server accepts requests.</summary>
    public static async Task InitializeIdPAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        StartupWarnings.Log(app);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdPInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
    }

    public static WebApplication UseIdPPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.TrustForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        // After forwarded headers, so AllowedHosts holds for a host a proxy forwards.
        app.UseAllowedHostsCheck();

        // Run now's calls to the server's own address carry a marker only this process knows (see OwnRequestMarker).
        var ownRequests = app.Services.GetRequiredService<OwnRequestMarker>();
        app.Use(ownRequests.InvokeAsync);

        app.UseSecurityHeaders();
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.RequireHttps)
        {
            // Browsers that once reached us over HTTPS never try plain HTTP again (not sent for localhost).
            app.UseHsts();
        }

        // Never a stack trace: unexpected exceptions become the error page (or problem+json for API callers); 503 while the
        // database is unreachable.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ExceptionPage.WriteAsync, StatusCodeSelector = ExceptionPage.StatusCodeFor });
        app.UseStatusCodePages(StatusCodePage.WriteAsync);
        app.UseRequestSanity();
        app.UseStaticFiles();
        // English and French: ui_locales (or the journey's), then Accept-Language, then the tenant's default.
        app.UseFlowLanguage();
        app.UseTenantStrings();
        app.UseRouting();
        app.UsePageMethods();
        // Before authentication: OpenIddict answers discovery, JWKS and token errors from inside it.
        app.UseCors();
        // Before authentication, so a client with too many refused admin tokens costs no token validation.
        app.UseAdminApiThrottle();
        // Discovery and JWKS from memory when nothing they are built from has changed (before OpenIddict runs).
        app.UseMiddleware<ProtocolDocumentCache>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapIdPEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPolicyEndpoints();
        app.MapRazorPages();
        app.MapBrandingAssets();
        app.MapAdminApi();
        app.MapGet("/", () => Results.Redirect("/health")).ExcludeFromDescription();
        app.MapIdPHealth();
        return app;
    }
}
