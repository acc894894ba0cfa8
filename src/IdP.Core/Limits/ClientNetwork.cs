using System.Net;
using System.Net.Sockets;

namespace IdP.Core.Limits;

/// <summary>
/// Where a request comes from, as the limits count it: the client's address and its network (/24 for IPv4, /64 for
/// IPv6, the block one subscriber usually gets). IPv4-mapped IPv6 addresses count as IPv4. Requests without an address
/// (a Unix socket, an in-process test host) share one "unknown" client.
/// </summary>
/// <param name="Address">The address as counted, e.g. <c>203.0.113.7</c>.</param>
/// <param name="Network">The network as counted, e.g. <c>203.0.113.0/24</c>.</param>
public sealed record ClientNetwork(string Address, string Network)
{
    /// <summary>The client of requests that have no address.</summary>
    public static readonly ClientNetwork Unknown = new("unknown", "unknown");

    /// <summary>The client at <paramref name="address"/>.</summary>
    public static ClientNetwork Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 24 : 64;
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        // Scope ids (fe80::1%eth0) are not part of who the client is.
        var plain = address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPAddress(address.GetAddressBytes()) : address;
        return new(plain.ToString(), $"{new IPAddress(bytes)}/{prefix}");
    }
}
