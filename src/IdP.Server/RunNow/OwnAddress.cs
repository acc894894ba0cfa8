using System.Net;

namespace IdP.Server.RunNow;

/// <summary>
/// Where the server reaches itself: one of the addresses it is listening on (the host's bound addresses), made
/// connectable (a wildcard such as <c>0.0.0.0</c> or <c>[::]</c> becomes the loopback address). Never an address from a
/// request, so nothing a client sends can point the server's own requests at another host.
/// </summary>
public static class OwnAddress
{
    /// <summary>
    /// The base URI of a bound address with <paramref name="scheme"/>, or null when the server listens on none (no
    /// HTTPS endpoint when TLS ends at a proxy, a Unix socket only, or a host that reports no addresses).
    /// </summary>
    public static Uri? Find(IEnumerable<string> boundAddresses, string scheme)
    {
        ArgumentNullException.ThrowIfNull(boundAddresses);
        foreach (var address in boundAddresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (!binding.IsUnixPipe && string.Equals(binding.Scheme, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return new UriBuilder(binding.Scheme, Connectable(binding.Host), binding.Port).Uri;
            }
        }

        return null;
    }

    // Kestrel binds "localhost" and host names to loopback or every interface; loopback reaches all of them.
    private static string Connectable(string host) =>
        !IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? IPAddress.Loopback.ToString()
        : ip.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString()
        : ip.Equals(IPAddress.IPv6Any) ? $"[{IPAddress.IPv6Loopback}]"
        : host;
}
