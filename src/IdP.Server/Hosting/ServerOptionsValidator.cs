namespace IdP.Server.Hosting;

/// <summary>
/// Stops start-up when a known proxy is not an IP address or network (naming the entry), or when, outside Development,
/// <c>AllowedHosts</c> lets any host in without <c>IdP:Server:AllowAnyHost</c> saying that is meant.
/// </summary>
internal sealed class ServerOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var bad = KnownProxies.Entries(options.KnownProxies).Where(e => KnownProxies.Parse(e) is null).ToList();
        if (bad.Count > 0)
        {
            failures.Add($"{ServerOptions.Section}:KnownProxies: '{string.Join("', '", bad)}' is not an IP address (10.0.0.5) or network (10.0.0.0/8).");
        }

        if (!environment.IsDevelopment() && !options.AllowAnyHost && AllowedHostsCheck.AllowsAnyHost(configuration))
        {
            failures.Add($"{AllowedHostsCheck.Key} is \"*\": any Host header would choose the issuer and every URL the server builds. Set {AllowedHostsCheck.Key} to the host names clients use (e.g. \"idp.example.com\", several separated by ';'), or set {ServerOptions.Section}:AllowAnyHost to true if a proxy in front already filters hosts.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
