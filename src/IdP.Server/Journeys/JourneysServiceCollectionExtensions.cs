namespace IdP.Server.Journeys;

internal static class JourneysServiceCollectionExtensions
{
    /// <summary>Authorize requests kept while the user is on our pages.</summary>
    public static IServiceCollection AddJourneys(this IServiceCollection services)
    {
        services.AddScoped<JourneyService>();
        services.AddScoped<JourneyAuthentication>();
        services.AddScoped<JourneyLinks>();
        services.AddScoped<JourneyPageServices>();
        services.AddScoped<IHousekeepingTask, JourneyHousekeeping>();
        return services;
    }
}
