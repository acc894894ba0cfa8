namespace IdP.Core.Tests.Journeys;

public sealed class AuthorizeRequestFingerprintTests
{
    private static readonly KeyValuePair<string, string>[] Request =
    [
        new("client_id", "app"),
        new("redirect_uri", "https://app.test/callback"),
        new("response_type", "code"),
        new("scope", "openid"),
        new("state", "s1"),
        new("nonce", "n1"),
        new("code_challenge", "abc"),
        new("code_challenge_method", "S256"),
    ];

    [Fact]
    public void The_same_parameters_in_another_order_give_the_same_fingerprint() =>
        Assert.Equal(AuthorizeRequestFingerprint.Compute(Request), AuthorizeRequestFingerprint.Compute(Request.Reverse()));

    [Theory]
    [InlineData("redirect_uri", "https://app.test/other")]
    [InlineData("scope", "openid offline_access")]
    [InlineData("code_challenge", "xyz")]
    [InlineData("state", "s2")]
    [InlineData("nonce", "n2")]
    [InlineData("response_type", "id_token")]
    public void Changing_any_parameter_changes_the_fingerprint(string name, string value)
    {
        var changed = Request.Select(p => p.Key == name ? new KeyValuePair<string, string>(name, value) : p);

        Assert.NotEqual(AuthorizeRequestFingerprint.Compute(Request), AuthorizeRequestFingerprint.Compute(changed));
    }

    [Fact]
    public void Adding_a_parameter_changes_the_fingerprint() =>
        Assert.NotEqual(AuthorizeRequestFingerprint.Compute(Request), AuthorizeRequestFingerprint.Compute(Request.Append(new("prompt", "none"))));

    [Fact]
    public void Names_and_values_cannot_be_shifted_into_each_other() =>
        Assert.NotEqual(
            AuthorizeRequestFingerprint.Compute([new("ab", "c")]),
            AuthorizeRequestFingerprint.Compute([new("a", "bc")]));

    [Fact]
    public void Renaming_a_parameter_changes_the_fingerprint() =>
        Assert.NotEqual(
            AuthorizeRequestFingerprint.Compute([new("prompt", "login")]),
            AuthorizeRequestFingerprint.Compute([new("display", "login")]));

    [Fact]
    public void The_fingerprint_is_hex_sha256() =>
        Assert.Matches("^[0-9a-f]{64}$", AuthorizeRequestFingerprint.Compute(Request));
}
