using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IdP.Server.Admin.Portal;

/// <summary>
/// The admin portal at <c>/admin</c>: Razor Pages behind one policy. Administrators sign in through the server's own
/// sign-in flow with ASP.NET Core's OpenID Connect handler (code flow and PKCE, client <see cref="PortalApplication.ClientId"/>);
/// the portal's own cookie then carries who signed in, and <see cref="AdministratorHandler"/> checks the role in the
/// database on every request, so a revoked administrator is out at once.
/// </summary>
public static class AdminPortal
{
    /// <summary>The portal session's cookie scheme.</summary>
    public const string CookieScheme = "IdP.AdminPortal";

    /// <summary>The OpenID Connect scheme the portal signs in with.</summary>
    public const string SignInScheme = "IdP.AdminPortal.Oidc";

    /// <summary>The authorization policy of every portal page.</summary>
    public const string Policy = "IdP.AdminPortal";

    /// <summary>The portal session's cookie (path <c>/admin</c> only).</summary>
    public const string CookieName = "idp.admin";

    /// <summary>Where a signed-in account without the role lands (403).</summary>
    public const string AccessDeniedPath = PortalApplication.Prefix + "/access-denied";

    /// <summary>Registers the portal: options, its application and bootstrap, the two schemes and the policy.</summary>
    public static IServiceCollection AddAdminPortal(this IServiceCollection services, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminBootstrapOptions>().BindConfiguration(AdminBootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IStartupSeed, PortalSeed>();
        services.AddScoped<IRedirectUriRule, PortalRedirectUriRule>();
        services.AddScoped<PortalSignInEvents>();
        services.AddScoped<PortalSessionCheck>();
        services.AddScoped<IAuthorizationHandler, AdministratorHandler>();
        OwnTokenEndpoint.AddOwnTokenEndpoint(services);

        var secure = server.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.Path = PortalApplication.Prefix;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = secure;
                options.SlidingExpiration = true;
                options.ForwardChallenge = SignInScheme;
                options.AccessDeniedPath = AccessDeniedPath;
                options.ReturnUrlParameter = "returnUrl";
                options.EventsType = typeof(PortalSessionCheck);
            })
            .AddOpenIdConnect(SignInScheme, options =>
            {
                options.SignInScheme = CookieScheme;
                options.ClientId = PortalApplication.ClientId;
                options.CallbackPath = PortalApplication.CallbackPath;
                options.SignedOutCallbackPath = PortalApplication.Prefix + "/signout-callback-oidc";
                options.RemoteSignOutPath = PortalApplication.Prefix + "/signout-oidc";
                options.ResponseType = OpenIdConnectResponseType.Code;
                // Same origin as the flow pages: the answer comes back as a top-level GET, so the correlation and
                // nonce cookies can be Lax (form_post would need SameSite=None, which needs HTTPS).
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.Scope.Clear();
                options.Scope.Add(OpenIdConnectScope.OpenId);
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SaveTokens = false;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = secure;
                options.CorrelationCookie.Path = PortalApplication.Prefix;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = secure;
                options.NonceCookie.Path = PortalApplication.Prefix;
                options.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(30);
                options.EventsType = typeof(PortalSignInEvents);

                // The endpoints and the issuer depend on the host the browser used, so they are set per request by
                // PortalSignInEvents; this static document only stops the handler fetching discovery over the network.
                options.Configuration = new OpenIdConnectConfiguration
                {
                    AuthorizationEndpoint = "https://invalid.invalid/authorize",
                    TokenEndpoint = "https://invalid.invalid/token",
                };
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.ValidAudience = PortalApplication.ClientId;
                options.TokenValidationParameters.ValidateIssuer = false; // Checked in PortalSignInEvents against the flow's issuer on this host.
            });

        // The keys the flow's JWKS publishes (the key ring's current set), read at each validation.
        services.AddOptions<OpenIdConnectOptions>(SignInScheme).Configure<IOptionsMonitor<OpenIddictServerOptions>>((oidc, openIddict) =>
            oidc.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => openIddict.CurrentValue.SigningCredentials.Select(c => c.Key));
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<PortalOptions>>((cookie, portal) =>
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(portal.Value.SessionMinutes));

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new AdministratorRequirement()));

        services.AddOptions<RazorPagesOptions>().Configure<IOptions<PortalOptions>>((pages, portal) =>
        {
            if (!portal.Value.Enabled)
            {
                pages.Conventions.AddFolderRouteModelConvention("/Admin/Portal", model => model.Selectors.Clear());
                return;
            }

            pages.Conventions.AuthorizeFolder("/Admin/Portal", Policy);
            pages.Conventions.AllowAnonymousToPage("/Admin/Portal/AccessDenied");
            pages.Conventions.AllowAnonymousToPage("/Admin/Portal/SignOut");
        });
        return services;
    }
}
