using IdP.Server.Protocol;
using IdP.Core.RunNow;
using IdP.Server.Admin;
using IdP.Server.Seeding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static OpenIddict.Server.OpenIddictServerHandlers.Authentication;

using IdP.Server.Maintenance;

namespace IdP.Server.RunNow;

/// <summary>Registers Run now: the run-now URL of every flow, the built-in application and viewer, and the list page.</summary>
public static class RunNowServiceCollectionExtensions
{
    public static IServiceCollection AddRunNow(this IServiceCollection services)
    {
        services.AddOptions<RunNowOptions>().BindConfiguration(RunNowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AdminCredentials>();

        services.AddScoped<RunNowService>();
        services.AddScoped<RunNowPreflight>();
        services.AddScoped<RunNowStarter>();
        services.AddScoped<RunNowViewer>();
        services.AddScoped<RefreshTokenInspector>();
        services.AddScoped<CodeRedeemer>();
        // The viewer redeems codes through the server's own pipeline, never over the network (see CodeRedeemer).
        services.AddSingleton<OwnPipeline>();
        services.AddTransient<IStartupFilter, CaptureOwnPipeline>();
        services.AddSingleton<TokenSignature>();
        services.AddSingleton<CodeVerifierProtector>();
        services.AddScoped<IStartupSeed, RunNowApplicationSeed>();
        services.AddScoped<IHousekeepingTask, RunNowHousekeeping>();
        services.AddScoped<IRedirectUriRule, ValidateRunNowRedirectUri>();

        // The built-in application's reply URL is checked per request (see ValidateRunNowRedirectUri, which runs
        // OpenIddict's own check for every other application).
        services.AddOpenIddict().AddServer(options => options
            .RemoveEventHandler(ValidateClientRedirectUri.Descriptor)
            .AddEventHandler(ValidateRunNowRedirectUri.Descriptor));

        // The query form of the run-now URL, like B2C's ?p= endpoints.
        services.Configure<RazorPagesOptions>(options => options.Conventions.AddPageRoute("/RunNow/Start", RunNowApplication.QueryFormStartRoute));
        return services;
    }
}
