namespace IdP.Core.Tests.RunNow;

public sealed class PkceTests
{
    [Fact]
    public void The_challenge_is_s256_as_in_rfc_7636_appendix_b() =>
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public void Verifiers_are_43_url_safe_characters_and_never_repeat()
    {
        var first = Pkce.CreateVerifier();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
        Assert.NotEqual(first, Pkce.CreateVerifier());
    }
}
