using IdP.Core.UserFlows.CustomPages;

namespace IdP.Server.UserFlows.CustomPages;

/// <summary>Custom page content: the template fetcher (its own HTTP client), the service, and the refresh in housekeeping.</summary>
public static class CustomPagesServiceCollectionExtensions
{
    public static IServiceCollection AddCustomPages(this IServiceCollection services)
    {
        services.AddOptions<CustomPageOptions>().BindConfiguration(CustomPageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<CustomPageFetcher>(CustomPageFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => CustomPageFetcher.CreateHandler(sp.GetRequiredService<IOptions<CustomPageOptions>>().Value))
            // The fetcher enforces its own timeout (and says so); this one must not cut it short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<CustomPageService>();
        services.AddSingleton<CustomPageLayouts>();
        services.AddScoped<IHousekeepingTask, CustomPageRefreshHousekeeping>();
        return services;
    }
}

/// <summary>Templates fetched from a URI are fetched again once their copy is older than the refresh interval.</summary>
internal sealed class CustomPageRefreshHousekeeping(CustomPageService customPages) : IHousekeepingTask
{
    public Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken) => customPages.RefreshDueAsync(cancellationToken);
}
