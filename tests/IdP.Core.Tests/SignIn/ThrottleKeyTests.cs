namespace IdP.Core.Tests.SignIn;

/// <summary>
/// Each typed name gets a counter of its own (found by mutation testing: a key that ignored the name would lock every
/// name out after ten wrong passwords for one of them, and nothing in the unit tests noticed).
/// </summary>
public sealed class ThrottleKeyTests
{
    [Fact]
    public void Different_names_have_different_keys()
    {
        Assert.NotEqual(ThrottleKey.For(SignInNameKind.Email, "alice@example.com"), ThrottleKey.For(SignInNameKind.Email, "bob@example.com"));
        Assert.NotEqual(ThrottleKey.ForAddress("alice@example.com"), ThrottleKey.ForAddress("bob@example.com"));
    }

    [Fact]
    public void The_same_text_as_an_email_and_as_a_username_counts_apart() =>
        Assert.NotEqual(ThrottleKey.For(SignInNameKind.Email, "alice"), ThrottleKey.For(SignInNameKind.Username, "alice"));

    [Fact]
    public void A_key_is_the_same_for_the_same_name_and_never_holds_it_in_clear()
    {
        var key = ThrottleKey.For(SignInNameKind.Username, "alice");

        Assert.Equal(key, ThrottleKey.For(SignInNameKind.Username, "alice"));
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Matches("^[0-9a-f]{64}$", ThrottleKey.ForAddress("alice@example.com"));
    }
}
