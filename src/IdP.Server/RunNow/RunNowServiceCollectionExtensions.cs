using IdP.Server.Protocol;
using IdP.Core.RunNow;
using IdP.Server.Admin;
using IdP.Server.Seeding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static OpenIddict.Server.OpenIddictServerHandlers.Authentication;

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
        services.AddSingleton<TokenSignature>();
        services.AddSingleton<CodeVerifierProtector>();
        services.AddScoped<IStartupSeed, RunNowApplicationSeed>();
        services.AddScoped<IRedirectUriRule, ValidateRunNowRedirectUri>();

        services.AddHttpClient(RunNowBackchannel.ClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(15);
                client.MaxResponseContentBufferSize = 1024 * 1024;
            })
            // A token endpoint never redirects; following one would send the code elsewhere.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

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

/// <summary>The server's HTTP calls to its own token endpoint (code redemption for the viewer).</summary>
public static class RunNowBackchannel
{
    /// <summary>The named <see cref="HttpClient"/>; tests route it to the in-process server.</summary>
    public const string ClientName = "IdP.RunNow.TokenEndpoint";
}
