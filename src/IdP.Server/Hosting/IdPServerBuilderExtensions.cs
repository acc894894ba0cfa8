using IdP.Core.Accounts;
using IdP.Core.Audit;
using IdP.Core.Journeys;
using IdP.Core.SignIn;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.Applications;
using IdP.Server.Audit;
using IdP.Server.Data;
using IdP.Server.Email;
using IdP.Server.ErrorPages;
using IdP.Server.Journeys;
using IdP.Server.Layout;
using IdP.Server.Maintenance;
using IdP.Server.PasswordReset;
using IdP.Server.Protocol;
using IdP.Server.RunNow;
using IdP.Server.Seeding;
using IdP.Server.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
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
        services.AddOptions<TenantOptions>().BindConfiguration(TenantOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddIdPDatabase(builder.Configuration, builder.Environment);
        services.AddIdPDataProtection();
        services.AddIdPAccounts();
        var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        services.AddIdPOpenIddict(server.RequireHttps);
        services.AddProtocolCors();
        services.AddIdPCoreServices();
        services.AddApplications(server.RequireHttps);
        services.AddHousekeeping();
        services.AddEmail();
        services.AddPasswordReset();
        services.AddIdPWeb(server);
        services.AddRunNow();
        return builder;
    }

    private static IServiceCollection AddIdPDataProtection(this IServiceCollection services)
    {
        // Keys in the database: every node reads cookies, antiforgery tokens and protected keys made by any other.
        services.AddDataProtection().SetApplicationName("IdP").PersistKeysToDbContext<IdPDbContext>();
        return services;
    }

    private static IServiceCollection AddIdPAccounts(this IServiceCollection services)
    {
        // Stateless, so one instance serves all (and DummyPasswordHash, a singleton, can use it).
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddIdentityCore<Account>(options =>
            {
                options.User.RequireUniqueEmail = false;
                // Our password rules are per user flow (IdP.Core.Passwords.PasswordRules); Identity's global ones are off.
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                // Lockout is per sign-in name in SignInThrottles (unknown names lock out too); Identity's is unused.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdPDbContext>();
        return services;
    }

    private static IServiceCollection AddIdPCoreServices(this IServiceCollection services)
    {
        services.AddScoped<TenantService>();
        services.AddScoped<UserFlowService>();
        services.AddScoped<AccountService>();
        services.AddScoped<JourneyService>();
        services.AddScoped<LocalAccountSignIn>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddScoped<AuditLog>();
        services.AddScoped<TokenPrincipalFactory>();
        services.AddScoped<RedirectUriTrust>();
        services.AddScoped<SsoSession>();
        services.AddScoped<JourneyAuthentication>();
        services.AddScoped<JourneyLinks>();
        services.AddScoped<JourneyPageServices>();
        services.AddScoped<SignInStep>();
        services.AddScoped<IdPInitializer>();
        services.AddScoped<IForgotPasswordLink, NoForgotPasswordLink>();
        return services;
    }

    private static IServiceCollection AddIdPWeb(this IServiceCollection services, ServerOptions server)
    {
        services.AddLocalization();
        services.AddRazorPages(options => options.RootDirectory = "/")
            .AddMvcOptions(options => options.Filters.Add<AntiforgeryFailurePage>())
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = ErrorMessagesFromAttribute.Localizer);
        services.AddProblemDetails();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "idp.antiforgery";
            options.Cookie.SecurePolicy = server.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // No default scheme: pages never see the SSO session as the request's user (SsoSession reads it explicitly), so
        // antiforgery tokens do not depend on who is signed in and a second open sign-in tab still posts after the
        // first tab signed in.
        services.AddAuthentication()
            .AddCookie(SsoSession.Scheme, options =>
            {
                options.Cookie.Name = SsoSession.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = server.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                // The cookie is a browser-session cookie; how long it is honoured is each flow's session setting,
                // checked in SsoSession. 24 h is the longest any flow allows.
                options.ExpireTimeSpan = TimeSpan.FromMinutes(UserFlowRules.SessionLifetimeMinutes.Max);
                options.SlidingExpiration = false;
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
