using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace IdP.Server.Admin;

/// <summary>
/// Who may open an admin page, as ASP.NET Core authentication and authorization: pages carry
/// <c>[Authorize(Policy = AdminAccess.Policy)]</c>, the policy asks the <see cref="AdminBasicAuthenticationHandler"/>
/// scheme, and the handler checks IdP:Admin's credentials and answers the challenge.
/// </summary>
public static class AdminAccess
{
    /// <summary>The authentication scheme of the operator's HTTP Basic credentials.</summary>
    public const string Scheme = "IdP.Admin";

    /// <summary>The authorization policy of every admin page.</summary>
    public const string Policy = "IdP.Admin";

    /// <summary>The realm named in the Basic challenge.</summary>
    public const string Realm = "IdP admin";

    /// <summary>Binds IdP:Admin and registers the scheme and the policy.</summary>
    public static IServiceCollection AddAdminAccess(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminBasicAuthenticationHandler>(Scheme, displayName: null, configureOptions: null);
        services.AddScoped<Seeding.IStartupSeed, AdminApiSeed>();

        // Decided once from configuration and environment, as before: with credentials they are always required;
        // without, a developer's machine is open and anywhere else nobody can pass (the challenge answers 404).
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AdminOptions>, IHostEnvironment>((authorization, admin, environment) =>
            authorization.AddPolicy(Policy, policy =>
            {
                if (!admin.Value.IsConfigured && environment.IsDevelopment())
                {
                    policy.RequireAssertion(_ => true);
                    return;
                }

                policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser();
            }));
        return services;
    }
}
