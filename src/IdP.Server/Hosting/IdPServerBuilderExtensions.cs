using IdP.Server.Accounts;
using IdP.Server.Admin.Api;
using IdP.Server.Admin.Portal;
using IdP.Server.Applications;
using IdP.Server.Audit;
using IdP.Server.DataProtection;
using IdP.Server.Email;
using IdP.Server.Health;
using IdP.Server.Localization;
using IdP.Server.PasswordReset;
using IdP.Server.Telemetry;
using IdP.Server.Tenancy;
using IdP.Server.UserFlows.CustomPages;
using Microsoft.AspNetCore.HttpOverrides;
using SignInOptions = IdP.Core.SignIn.SignInOptions;

namespace IdP.Server.Hosting;

/// <summary>Service registration, one method per concern, so Program.cs reads as a table of contents.</summary>
public static class IdPServerBuilderExtensions
{
    public static WebApplicationBuilder AddIdPServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddAllowedHostsCheck();
        var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();

        services.AddSingleton(TimeProvider.System);
        builder.AddIdPTelemetry();
        services.AddHttpContextAccessor();
        services.AddIdPDatabase(builder.Configuration, builder.Environment);
        services.AddIdPDataProtection(builder.Configuration);
        services.AddTenancy();
        services.AddBranding();
        services.AddAccounts();
        services.AddAudit();
        services.AddIdPOpenIddict(server.RequireHttps);
        services.AddProtocolCors();
        services.AddApplications(server.RequireHttps);
        services.AddAbuseLimits();
        services.AddJourneys();
        services.AddCustomPages();
        services.AddSignIn();
        services.AddHousekeeping();
        services.AddEmail();
        services.AddPasswordReset();
        services.AddSeeding();
        services.AddIdPHealth();
        services.AddIdPWeb(server);
        services.AddRunNow();
        services.AddAdminApi();
        services.AddAdminPortal(server);
        return builder;
    }

    private static IServiceCollection AddIdPWeb(this IServiceCollection services, ServerOptions server)
    {
        services.AddFlowLocalization();
        // French pages keep their accented letters as they are (UTF-8) rather than as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options => options.RootDirectory = "/")
            .AddMvcOptions(options => options.Filters.Add<AntiforgeryFailurePage>())
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = ErrorMessagesFromAttribute.Localizer);
        services.AddProblemDetails();
        // The antiforgery cookie keeps ASP.NET Core's SameSite=Strict (and the journey's binding cookie is Lax,
        // BrowserBinding): both serve only our own pages, which are top-level and never framed, so neither ever needs to
        // travel with a request from another site. Unlike the SSO cookie below, they must not: their being absent from
        // cross-site requests is what refuses another site's form posts to our pages.
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "idp.antiforgery";
            options.Cookie.SecurePolicy = server.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // No default scheme: pages never see the SSO session as the request's user (SsoSession reads it explicitly), so
        // antiforgery tokens do not depend on who is signed in and a second open sign-in tab still posts after the
        // first tab signed in.
        //
        // Over HTTPS the SSO cookie is SameSite=None (SsoSessionCookie), as B2C's is: an app on another site signs in
        // silently in a hidden iframe (msal-browser's ssoSilent, prompt=none), whose requests carry no Lax cookie. What a
        // request from another site can now do with the session, and why that is no cross-site request forgery:
        // - The authorize endpoint answers with a code (or login_required) at a reply URL registered for the client;
        //   only the app's own origin reads it, which is what silent sign-in is. prompt=none never shows the sign-in
        //   page (only the error page of an unknown client or reply URL, which must not be redirected to), and every
        //   page we render refuses framing (SecurityHeaders: frame-ancestors 'none', X-Frame-Options DENY), so a framed
        //   authorize request cannot be clickjacked into a sign-in.
        // - No page reads the session (no default scheme), and every change on a page is a form post that needs the
        //   antiforgery cookie and the journey's binding cookie, which stay Strict and Lax (above): another site's post
        //   carries neither, however the SSO cookie is set.
        // - Logout ends the session only for a request that would have carried a Lax cookie (SsoSession.SignOutAsync,
        //   LaxCookieRequest): another site's iframe, image or form post cannot sign the user out, as before; its top-level
        //   GET navigation can, as OpenID Connect's RP-initiated logout needs.
        // Over plain HTTP the cookie stays Lax: browsers drop SameSite=None without Secure.
        services.AddAuthentication()
            .AddCookie(SsoSession.Scheme, options =>
            {
                // As the handler's own default builder: essential (the sign-in cannot work without it).
                options.Cookie = new SsoSessionCookie { Name = SsoSession.CookieName, HttpOnly = true, IsEssential = true };
                options.Cookie.SecurePolicy = server.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                // The cookie is a browser-session cookie; how long it is honoured is each flow's session setting,
                // checked in SsoSession. 24 h is the longest any flow allows. A session the user chose to keep ("Keep me
                // signed in") is signed in persistent with its own end instead (SsoSession).
                options.ExpireTimeSpan = TimeSpan.FromMinutes(UserFlowRules.SessionLifetimeMinutes.Max);
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = SsoSession.ValidateAsync;
                options.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();

        if (server.TrustForwardedHeaders)
        {
            services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServerOptions>>((options, serverOptions) =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                // Only the configured proxies (not ASP.NET Core's loopback default); none listed means any source, which
                // StartupWarnings reports.
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var entry in KnownProxies.Entries(serverOptions.Value.KnownProxies))
                {
                    if (KnownProxies.Parse(entry) is { } network)
                    {
                        options.KnownIPNetworks.Add(network);
                    }
                }

            });
        }

        return services;
    }
}
