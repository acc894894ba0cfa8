using Microsoft.Extensions.Logging.Configuration;

namespace IdP.Server.Hosting;

/// <summary>
/// What the server must not depend on where it is started from or on which appsettings file is found: its content
/// root (configuration files, wwwroot, the default data folder) and the log levels that keep protocol secrets out of
/// logs.
/// </summary>
public static class ServerHostDefaults
{
    /// <summary>
    /// Options for <see cref="WebApplication.CreateBuilder(WebApplicationOptions)"/>: the content root is the folder of the
    /// server's own files (not the current directory), unless one is given with <c>--contentRoot</c> or
    /// <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> (test hosts and containers do).
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var host = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(host[WebHostDefaults.ContentRootKey]) ? AppContext.BaseDirectory : null,
        };
    }

    /// <summary>
    /// Log levels below which these categories would write request data (OpenIddict logs tokens at Trace; ASP.NET Core's
    /// request log shows query strings, where <c>id_token_hint</c> travels). They are set in code, so a missing or
    /// replaced appsettings.json does not lower them; configuration can still raise or lower them explicitly.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, LogLevel> ProtocolLogLevels = new Dictionary<string, LogLevel>(StringComparer.Ordinal)
    {
        ["OpenIddict"] = LogLevel.Warning,
        ["Microsoft.AspNetCore"] = LogLevel.Warning,
        ["Microsoft.EntityFrameworkCore"] = LogLevel.Warning,
    };

    /// <summary>Applies <see cref="ProtocolLogLevels"/> as defaults and serves wwwroot from a build folder too.</summary>
    public static WebApplicationBuilder UseIdPHostDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Inserted first: for the same category a later rule wins, so configured levels (added before this runs, but
        // applied by the same options pipeline after these) still take precedence.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var (category, level) in ProtocolLogLevels.Reverse())
            {
                options.Rules.Insert(0, new LoggerFilterRule(providerName: null, category, level, filter: null));
            }
        });

        // Outside Development a build folder has no wwwroot of its own, only the static web assets manifest pointing
        // at the project's; published output has wwwroot and no manifest, where this does nothing.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }
}
