using System.Net;
using IdP.Core.Limits;

namespace IdP.Core.Tests.Limits;

public sealed class ClientNetworkTests
{
    [Fact]
    public void An_ipv4_client_counts_in_its_slash_24() =>
        Assert.Equal(new ClientNetwork("203.0.113.77", "203.0.113.0/24"), ClientNetwork.Of(IPAddress.Parse("203.0.113.77")));

    [Fact]
    public void An_ipv6_client_counts_in_its_slash_64() =>
        Assert.Equal(new ClientNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"), ClientNetwork.Of(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));

    [Fact]
    public void An_ipv4_mapped_address_counts_as_ipv4() =>
        Assert.Equal(ClientNetwork.Of(IPAddress.Parse("198.51.100.9")), ClientNetwork.Of(IPAddress.Parse("::ffff:198.51.100.9")));

    [Fact]
    public void A_scope_id_does_not_make_another_client() =>
        Assert.Equal(ClientNetwork.Of(IPAddress.Parse("fe80::1")), ClientNetwork.Of(IPAddress.Parse("fe80::1%2")));

    [Fact]
    public void Requests_without_an_address_share_one_client() =>
        Assert.Equal(ClientNetwork.Unknown, ClientNetwork.Of(null));
}
