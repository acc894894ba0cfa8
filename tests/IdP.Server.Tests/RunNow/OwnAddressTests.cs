namespace IdP.Server.Tests.RunNow;

/// <summary>Which of its own addresses the server calls itself at: one it listens on, made connectable.</summary>
public sealed class OwnAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://*:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://10.1.2.3:5000", "http://10.1.2.3:5000/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    public void A_bound_address_becomes_one_the_server_can_connect_to(string bound, string expected)
    {
        Assert.Equal(new Uri(expected), OwnAddress.Find([bound], "http"));
    }

    [Fact]
    public void The_address_has_the_scheme_the_browser_used()
    {
        string[] bound = ["http://0.0.0.0:8080", "https://0.0.0.0:8443"];

        Assert.Equal(new Uri("https://127.0.0.1:8443/"), OwnAddress.Find(bound, "https"));
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), OwnAddress.Find(bound, "HTTP"));
    }

    [Theory]
    [InlineData("http://unix:/run/idp.sock")]
    [InlineData("https://0.0.0.0:8443")]
    [InlineData("not an address")]
    public void Without_an_address_of_that_scheme_there_is_none(string bound)
    {
        Assert.Null(OwnAddress.Find([bound], "http"));
        Assert.Null(OwnAddress.Find([], "http"));
    }
}
