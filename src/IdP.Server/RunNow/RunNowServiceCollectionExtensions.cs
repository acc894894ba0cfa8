namespace IdP.Server.RunNow;

/// <summary>Registers Run now: the run-now URL of every flow, the built-in application and viewer, and the old list page's redirect to the portal.</summary>
public static class RunNowServiceCollectionExtensions
{
    public static IServiceCollection AddRunNow(this IServiceCollection services)
    {
        services.AddOptions<RunNowOptions>().BindConfiguration(RunNowOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<RunNowService>();
        services.AddScoped<AuthorizeRequestCheck>();
        services.AddScoped<RunNowStarter>();
        services.AddScoped<RunNowViewer>();
        services.AddScoped<RefreshTokenInspector>();
        services.AddScoped<CodeRedeemer>();
        OwnTokenEndpoint.AddOwnTokenEndpoint(services);
        services.AddSingleton<TokenSignature>();
        services.AddSingleton<CodeVerifierProtector>();
        services.AddScoped<IStartupSeed, RunNowApplicationSeed>();
        services.AddScoped<IHousekeepingTask, RunNowHousekeeping>();
        // The built-in application's reply URL is checked per request (see ValidateRedirectUriByRules).
        services.AddScoped<IRedirectUriRule, ValidateRunNowRedirectUri>();

        services.AddOptions<RazorPagesOptions>().Configure<IOptions<RunNowOptions>>((pages, runNow) =>
        {
            if (!runNow.Value.Enabled)
            {
                // Switched off, Run now's pages have no routes: their URLs are unknown paths (404) before any
                // antiforgery check could answer otherwise.
                pages.Conventions.AddFolderRouteModelConvention("/RunNow", model => model.Selectors.Clear());
                return;
            }

            // The query form of the run-now URL, like B2C's ?p= endpoints.
            pages.Conventions.AddPageRoute("/RunNow/Start", RunNowApplication.QueryFormStartRoute);
        });
        return services;
    }
}
