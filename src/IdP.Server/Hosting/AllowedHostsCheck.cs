using Microsoft.AspNetCore.HostFiltering;

namespace IdP.Server.Hosting;

/// <summary>
/// <c>AllowedHosts</c>, applied after forwarded headers, so it holds for the host a proxy forwards too (ASP.NET Core's
/// own host filter runs first of all, on the proxy's upstream host, and is told to let every host through). The issuer,
/// every URL in discovery and Run now's same-origin rule follow the host this check lets in.
/// </summary>
internal static class AllowedHostsCheck
{
    /// <summary>The configuration key, as ASP.NET Core names it.</summary>
    public const string Key = "AllowedHosts";

    /// <summary>The hosts in <c>AllowedHosts</c> (separated by ';'), or empty for any.</summary>
    public static IReadOnlyList<string> Hosts(IConfiguration configuration) =>
        (configuration[Key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the configuration lets any host in.</summary>
    public static bool AllowsAnyHost(IConfiguration configuration) => Hosts(configuration) is var hosts && (hosts.Count == 0 || hosts.Contains("*"));

    public static IServiceCollection AddAllowedHostsCheck(this IServiceCollection services)
    {
        // ASP.NET Core's filter sees the raw Host, which behind a proxy is the proxy's internal name: ours decides instead.
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        return services;
    }

    public static IApplicationBuilder UseAllowedHostsCheck(this IApplicationBuilder app)
    {
        var hosts = Hosts(app.ApplicationServices.GetRequiredService<IConfiguration>());
        if (hosts.Count == 0 || hosts.Contains("*"))
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            // Orchestrators probe health by address or internal name; the probes reveal nothing a host could abuse.
            if (Allowed(context.Request.Host.Host, hosts) || context.Request.Path.StartsWithSegments("/healthz"))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("Bad request: this server does not answer for that host.");
        });
    }

    // Exact names, or "*.example.com" for every subdomain; compared without the port, case-insensitively.
    private static bool Allowed(string host, IReadOnlyList<string> hosts) =>
        hosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));
}
