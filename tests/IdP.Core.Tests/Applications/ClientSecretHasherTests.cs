using System.Security.Cryptography;
using IdP.Core.Applications;

namespace IdP.Core.Tests.Applications;

/// <summary>
/// Client secrets at rest and at the token endpoint (until mutation testing showed it, only the server suite checked
/// hashing and comparison).
/// </summary>
public sealed class ClientSecretHasherTests
{
    [Fact]
    public void Generated_secrets_are_43_url_safe_characters_each_its_own()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => ClientSecretHasher.Generate()).ToList();

        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(50, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_generated_secret_is_stored_as_its_sha256_and_only_it_verifies()
    {
        var secret = ClientSecretHasher.Generate();
        var stored = ClientSecretHasher.HashGenerated(secret);

        Assert.StartsWith("sha256$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.True(ClientSecretHasher.Verify(secret, stored));
        Assert.False(ClientSecretHasher.Verify(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), stored));
    }

    [Fact]
    public void A_configured_secret_is_stored_salted_and_slow_and_only_it_verifies()
    {
        const string Secret = "an operator's own secret";
        var stored = ClientSecretHasher.HashConfigured(Secret);

        Assert.StartsWith("pbkdf2-sha256$100000$", stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, ClientSecretHasher.HashConfigured(Secret));
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.True(ClientSecretHasher.Verify(Secret, stored));
        Assert.False(ClientSecretHasher.Verify(Secret + "!", stored));
    }

    [Fact]
    public void An_empty_secret_never_verifies_even_against_the_hash_of_nothing()
    {
        Assert.False(ClientSecretHasher.Verify("", ClientSecretHasher.HashGenerated("")));
        Assert.False(ClientSecretHasher.Verify("", ClientSecretHasher.HashConfigured("")));
    }

    [Fact]
    public void Secrets_longer_than_512_characters_never_verify()
    {
        var longest = new string('s', ClientSecretHasher.MaximumLength);

        Assert.True(ClientSecretHasher.Verify(longest, ClientSecretHasher.HashGenerated(longest)));
        Assert.False(ClientSecretHasher.Verify(longest + "s", ClientSecretHasher.HashGenerated(longest + "s")));
    }

    [Theory]
    [InlineData("plain-text-secret")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==$aGFzaA==$more")]
    [InlineData("pbkdf3-sha256$100000$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$many$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$100000$not base64!$aGFzaA==")]
    public void A_stored_value_in_no_known_format_never_verifies(string stored) =>
        Assert.False(ClientSecretHasher.Verify("plain-text-secret", stored));

    [Fact]
    public void Pbkdf2_values_are_read_with_the_iterations_they_name()
    {
        // Old rows keep verifying if the iteration count for new secrets changes.
        var stored = ClientSecretHasher.HashConfigured("an operator's own secret");
        var salt = stored.Split('$')[2];
        var fewer = $"pbkdf2-sha256$1000${salt}${Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2("an operator's own secret"u8.ToArray(), Convert.FromBase64String(salt), 1000, HashAlgorithmName.SHA256, 32))}";

        Assert.True(ClientSecretHasher.Verify("an operator's own secret", fewer));
    }

    [Theory]
    [InlineData("abcdef", "abc")]
    [InlineData("abc", "abc")]
    [InlineData("ab", "ab")]
    public void The_hint_is_the_first_three_characters(string secret, string hint) =>
        Assert.Equal(hint, ClientSecretHasher.Hint(secret));

    [Fact]
    public void A_secret_works_until_its_expiry_instant()
    {
        var expiry = new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
        var secret = new ClientSecret { Hash = "sha256$x", Hint = "abc", ExpiresAt = expiry.ToOffset(TimeSpan.FromHours(2)) };

        Assert.Equal(TimeSpan.Zero, secret.ExpiresAt!.Value.Offset);
        Assert.True(secret.IsActiveAt(expiry.AddTicks(-1)));
        Assert.False(secret.IsActiveAt(expiry));
        Assert.True(new ClientSecret { Hash = "sha256$x", Hint = "abc" }.IsActiveAt(DateTimeOffset.MaxValue));
    }
}
