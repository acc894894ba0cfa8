namespace IdP.Server.Applications;

/// <summary>
/// Creates or updates the applications in <c>IdP:Applications</c> at start-up. APIs go first, so clients in the same
/// configuration can hold permissions on them. A bad entry stops start-up with the setting and the problem named.
/// </summary>
internal sealed class ConfiguredApplicationsSeed(AppRegistrationService registrations, IOptions<ApplicationsOptions> options, ILogger<ConfiguredApplicationsSeed> logger) : IStartupSeed
{
    public async Task SeedAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var entries = options.Value.Items.Select((app, index) => (app, index)).OrderBy(e => e.app.AppIdUri is null).ToList();
        foreach (var (app, index) in entries)
        {
            var result = await registrations.SaveAsync(app.ToRegistration(), cancellationToken);
            if (result is AppChange.Invalid invalid)
            {
                var problems = string.Join(" ", invalid.Errors.Select(e => $"{ApplicationsOptions.Section}:{index}:{e.Field}: {e.Message}"));
                throw new OptionsValidationException(ApplicationsOptions.Section, typeof(ApplicationsOptions), [$"Application '{app.ClientId}' cannot be registered. {problems}"]);
            }

            Log.ApplicationConfigured(logger, app.ClientId);
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Information, "Application {ClientId} registered from configuration")]
    public static partial void ApplicationConfigured(ILogger logger, string clientId);
}
