using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpenIddict.Validation.AspNetCore;

namespace IdP.Server.Admin.Api;

/// <summary>
/// The admin REST API under <c>/admin/api</c>: bearer access tokens this server issued (client credentials, scope
/// <c>idp.admin</c>, audience <c>idp-admin</c>) checked by OpenIddict validation and one authorization policy; JSON in
/// and out, every error <c>application/problem+json</c>; an OpenAPI document of just this API at
/// <c>/admin/api/openapi.json</c>. Endpoints only translate: the rules are the core's <c>*Administration</c> services.
/// </summary>
public static class AdminApi
{
    /// <summary>Where the API lives.</summary>
    public const string Prefix = "/admin/api";

    /// <summary>The authorization policy every endpoint of the API carries.</summary>
    public const string Policy = "IdP.AdminApi";

    private const string BearerScheme = "Bearer";

    /// <summary>The OpenAPI document's name (its URL is <c>/admin/api/openapi.json</c>).</summary>
    public const string DocumentName = "openapi";

    /// <summary>The core services the API (and the portal and CLI after it) call, the policy and the OpenAPI document.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddAdminAccess();
        services.AddScoped<AdminAudit>();
        services.AddScoped<AppAdministration>();
        services.AddScoped<UserFlowAdministration>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserImport>();
        services.AddScoped<GroupAdministration>();
        services.AddScoped<PasswordResetAdministration>();
        services.AddScoped<AuditQuery>();
        services.AddScoped<Administrators>();

        // A query or route value of the wrong type is a 400 (problem details from AdminApiStatus) in every environment;
        // Development's default would throw, and the exception page answers 500.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        // Enums by name, unknown names and numbers refused: the same rules the API's bodies are read with.
        services.ConfigureHttpJsonOptions(options => AdminJson.Configure(options.SerializerOptions));

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(ServerApi.AdminScope) && context.User.HasAudience(ServerApi.Audience)));

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "IdP admin API";
                document.Info.Version = "v1";
                document.Info.Description = "Applications, user flows, users, groups, the password-reset switch, company branding and the audit log. "
                    + "Authenticate with a bearer access token from the client credentials grant, scope idp.admin.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token of this server for the scope idp.admin: POST grant_type=client_credentials&scope=idp.admin with the "
                        + "client's id and secret to a user flow's token endpoint, /{tenant}/{policy}/oauth2/v2.0/token.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps the API's resources under <see cref="Prefix"/>, and its OpenAPI document.</summary>
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix).RequireAuthorization(Policy).DisableAntiforgery().AddEndpointFilter(JsonBodyProblems.AnswerAsync);
        api.MapApplications()
            .MapUserFlows()
            .MapUsers()
            .MapGroups()
            .MapSettings()
            .MapBranding()
            .MapAuditLog();
        api.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapOpenApi(Prefix + "/{documentName}.json");
        return app;
    }
}
