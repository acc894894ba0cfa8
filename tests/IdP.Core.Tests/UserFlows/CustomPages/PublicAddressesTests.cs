using System.Net;
using IdP.Core.UserFlows.CustomPages;

namespace IdP.Core.Tests.UserFlows.CustomPages;

/// <summary>
/// The server fetches custom page templates only from public addresses, so a template URI cannot reach the host's own
/// or its network's services. Each special range is checked at its edges (until mutation testing showed it, no unit
/// test covered this guard).
/// </summary>
public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("100.64.0.0")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.0")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("192.0.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("fd00::1")]
    [InlineData("2001:db8::1")]
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Private_loopback_and_special_addresses_are_not_fetched(string address) =>
        Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("99.64.0.1")]
    [InlineData("169.253.0.1")]
    [InlineData("168.254.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("171.16.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("191.168.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("192.1.0.1")]
    [InlineData("198.17.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("197.18.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2101:db8::1")]
    [InlineData("2000:db8::1")]
    [InlineData("2001:cb8::1")]
    [InlineData("2001:db9::1")]
    [InlineData("164:ff9b::1")]
    [InlineData("64:fe9b::1")]
    [InlineData("64:ff9c::1")]
    [InlineData("65:ff9b::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_fetched(string address) =>
        Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)));
}
