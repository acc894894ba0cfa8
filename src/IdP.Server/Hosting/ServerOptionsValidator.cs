using Microsoft.Extensions.Options;

namespace IdP.Server.Hosting;

/// <summary>Stops start-up when a known proxy is not an IP address or network, naming the entry.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bad = KnownProxies.Entries(options.KnownProxies).Where(e => KnownProxies.Parse(e) is null).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ServerOptions.Section}:KnownProxies: '{string.Join("', '", bad)}' is not an IP address (10.0.0.5) or network (10.0.0.0/8).");
    }
}
