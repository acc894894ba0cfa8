using MimeKit;

namespace IdP.Server.Tests.Email;

/// <summary>
/// Every address accounts may hold must be one MimeKit (which builds our mail) can parse; otherwise its mail could
/// never be sent. Checked over the shapes where System.Net.Mail and RFC 5322 tend to disagree.
/// </summary>
public sealed class EmailAddressParsingTests
{
    [Theory]
    [InlineData("a.@x.com")]
    [InlineData(".a@x.com")]
    [InlineData("a..b@x.com")]
    [InlineData("\"a..b\"@x.com")]
    [InlineData("\"a b\"@x.com")]
    [InlineData("a b@x.com")]
    [InlineData("a(c)@x.com")]
    [InlineData("a@x.com(c)")]
    [InlineData("a@[1.2.3.4]")]
    [InlineData("a@x-.com")]
    [InlineData("a@x_y.com")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~@x.com")]
    [InlineData("jos\u00E9@ex\u00E4mple.com")]
    [InlineData("\uFF41lice@x.com")]
    [InlineData("\uFB01ona@x.com")]
    [InlineData("ab\u00A0c@x.com")]
    [InlineData("\"\"@x.com")]
    [InlineData("a@x.com.")]
    public void Every_address_accounts_may_hold_is_one_mimekit_can_parse(string address)
    {
        if (EmailAddress.IsValid(address))
        {
            var parsed = new MailboxAddress("", address);
            Assert.False(string.IsNullOrEmpty(parsed.Address));
        }
    }
}
