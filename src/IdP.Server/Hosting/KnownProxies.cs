using System.Net;

namespace IdP.Server.Hosting;

/// <summary>Reads <see cref="ServerOptions.KnownProxies"/>: each entry an IP address or a CIDR network.</summary>
public static class KnownProxies
{
    private static readonly char[] Separators = [',', ';', ' '];

    /// <summary>Every entry, split where one setting lists several.</summary>
    public static IEnumerable<string> Entries(IEnumerable<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return configured.SelectMany(e => e.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>A single address as a /32 (or /128) network; a CIDR entry as written; null when it is neither.</summary>
    public static IPNetwork? Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
        {
            return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        }

        return IPNetwork.TryParse(entry, out var network) ? network : null;
    }
}
