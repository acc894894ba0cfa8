namespace IdP.Core.Tests.Accounts;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("ada.lovelace+reset@example.co.uk")]
    [InlineData("jos\u00E9@example.com")]
    [InlineData("\"a..b\"@example.com")]
    public void Plain_addresses_are_accepted(string value) => Assert.True(EmailAddress.IsValid(value));

    [Theory]
    [InlineData("a.@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@example")]
    [InlineData("ada@example.com.")]
    public void Addresses_mail_software_would_refuse_are_refused(string value) => Assert.False(EmailAddress.IsValid(value));

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("ALICE@Example.COM", "alice@example.com")]
    [InlineData("  alice@example.com ", "alice@example.com")]
    [InlineData("jose\u0301@example.com", "jos\u00E9@example.com")]
    public void The_same_mailbox_may_differ_only_in_ascii_case(string typed, string stored) =>
        Assert.True(EmailAddress.SameMailbox(typed, stored));

    [Theory]
    [InlineData("\uFF41lice@example.com", "alice@example.com")]
    [InlineData("\uFB01ona@example.com", "fiona@example.com")]
    [InlineData("\u017Ftan@example.com", "stan@example.com")]
    [InlineData("\u00AAnna@example.com", "anna@example.com")]
    [InlineData("JOS\u00C9@example.com", "jos\u00E9@example.com")]
    [InlineData("alice@example.org", "alice@example.com")]
    public void Look_alikes_and_non_ascii_case_are_other_mailboxes(string typed, string stored)
    {
        Assert.False(EmailAddress.SameMailbox(typed, stored));
    }

    [Theory]
    [InlineData("@example.com")]
    [InlineData("ada@.example.com")]
    [InlineData(" ")]
    public void An_address_needs_a_local_part_and_a_domain_name_before_its_dot(string value) => Assert.False(EmailAddress.IsValid(value));

    [Fact]
    public void An_address_is_at_most_254_characters()
    {
        var longest = new string('a', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 57) + ".com";

        Assert.Equal(254, longest.Length);
        Assert.True(EmailAddress.IsValid(longest));
        Assert.False(EmailAddress.IsValid("e" + longest[1..] + "m"));
    }
}
