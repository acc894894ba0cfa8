namespace IdP.Core.Limits;

/// <summary>
/// One abuse limit's numbers: how many hits one client address and one client network (/24 for IPv4, /64 for IPv6)
/// may make in a fixed window. A network allows more than an address, for users behind one NAT or proxy.
/// </summary>
public sealed class LimitRule
{
    /// <summary>Hits one client address may make per window.</summary>
    public int PerAddress { get; set; }

    /// <summary>Hits all addresses of one network together may make per window.</summary>
    public int PerNetwork { get; set; }

    /// <summary>The counting window; counts start again at each window's start.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>A rule with the given numbers.</summary>
    public static LimitRule Of(int perAddress, int perNetwork, TimeSpan window) => new() { PerAddress = perAddress, PerNetwork = perNetwork, Window = window };
}
