namespace IdP.Server.Data;

internal static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext on the configured provider, exposed as <see cref="IdPDbContext"/> and <see cref="IIdPDbContext"/>.
    /// Pooled: a request gets a context reset from an earlier one instead of building a new one with its services
    /// (issue 16: a measurable share of a token grant's CPU); the context holds no per-request state of its own.
    /// </summary>
    public static IServiceCollection AddIdPDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<ConfigurationVersion>();
        services.AddSingleton<ConfigurationChangeInterceptor>();

        var settings = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("IdP");

        switch (settings.Provider)
        {
            case DatabaseProvider.PostgreSQL:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException("ConnectionStrings:IdP", typeof(DatabaseOptions), ["IdP:Database:Provider is PostgreSQL but ConnectionStrings:IdP is not set."]);
                }

                services.AddDbContextPool<IdPDbContext, PostgreSqlIdPDbContext>((sp, o) => o.UseNpgsql(connectionString).UseOpenIddict().AddInterceptors(sp.GetRequiredService<ConfigurationChangeInterceptor>()));
                break;
            default:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var folder = Path.Combine(environment.ContentRootPath, settings.DataFolder);
                    Directory.CreateDirectory(folder);
                    connectionString = $"Data Source={Path.Combine(folder, "idp.db")}";
                }

                services.AddDbContextPool<IdPDbContext, SqliteIdPDbContext>((sp, o) => o.UseSqlite(connectionString).UseOpenIddict().AddInterceptors(sp.GetRequiredService<ConfigurationChangeInterceptor>()));
                break;
        }

        services.AddScoped<IIdPDbContext>(sp => sp.GetRequiredService<IdPDbContext>());
        services.AddScoped<ConfigurationStamp>();
        return services;
    }
}
