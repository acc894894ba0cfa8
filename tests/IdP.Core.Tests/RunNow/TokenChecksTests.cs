namespace IdP.Core.Tests.RunNow;

public sealed class TokenChecksTests
{
    private const string Issuer = "http://idp.test/11111111-1111-1111-1111-111111111111/v2.0/";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_good_id_token_passes_every_check()
    {
        var token = IdToken(Issuer, "app", "n1", Now.AddMinutes(-1), Now.AddMinutes(59));

        Assert.All(TokenChecks.ForIdToken(token, Issuer, "app", "n1", Now), check => Assert.True(check.Passed, check.Kind.ToString()));
    }

    [Fact]
    public void A_wrong_nonce_fails_the_nonce_check_and_shows_both_values()
    {
        var check = TokenChecks.ForIdToken(IdToken(Issuer, "app", "other", Now, Now.AddHours(1)), Issuer, "app", "n1", Now).Single(c => c.Kind == TokenCheckKind.Nonce);

        Assert.Equal(new TokenCheck(TokenCheckKind.Nonce, false, "n1", "other"), check);
    }

    [Fact]
    public void Another_issuer_or_audience_fails_those_checks()
    {
        var checks = TokenChecks.ForIdToken(IdToken("https://elsewhere/v2.0/", "other-app", "n1", Now, Now.AddHours(1)), Issuer, "app", "n1", Now);

        Assert.False(checks.Single(c => c.Kind == TokenCheckKind.Issuer).Passed);
        Assert.False(checks.Single(c => c.Kind == TokenCheckKind.Audience).Passed);
    }

    [Fact]
    public void An_expired_token_or_one_not_yet_valid_fails_the_lifetime_check()
    {
        Assert.False(Lifetime(IdToken(Issuer, "app", "n1", Now.AddHours(-2), Now.AddSeconds(-1))));
        Assert.False(Lifetime(IdToken(Issuer, "app", "n1", Now + TokenChecks.ClockSkew + TimeSpan.FromSeconds(1), Now.AddHours(2))));
        Assert.True(Lifetime(IdToken(Issuer, "app", "n1", Now.AddMinutes(4), Now.AddHours(1))));
    }

    [Fact]
    public void An_access_token_is_checked_for_issuer_and_lifetime_only() =>
        Assert.Equal([TokenCheckKind.Issuer, TokenCheckKind.Lifetime], TokenChecks.ForAccessToken(IdToken(Issuer, "api", null, Now, Now.AddHours(1)), Issuer, Now).Select(c => c.Kind));

    [Fact]
    public void Not_before_falls_back_to_issued_at_and_the_clock_skew_is_included()
    {
        var later = (Now + TokenChecks.ClockSkew + TimeSpan.FromSeconds(1)).ToUnixTimeSeconds();
        var exp = Now.AddHours(1).ToUnixTimeSeconds();

        Assert.False(Lifetime(JwtDecoderTests.Decode($$"""{"iat":{{later}},"exp":{{exp}}}""")));
        Assert.False(Lifetime(JwtDecoderTests.Decode($$"""{"nbf":{{later}},"iat":{{Now.ToUnixTimeSeconds()}},"exp":{{exp}}}""")));
        Assert.True(Lifetime(JwtDecoderTests.Decode($$"""{"nbf":{{(Now + TokenChecks.ClockSkew).ToUnixTimeSeconds()}},"exp":{{exp}}}""")));
    }

    [Fact]
    public void Each_check_shows_what_the_token_holds()
    {
        var checks = TokenChecks.ForIdToken(
            JwtDecoderTests.Decode($$"""{"iss":"https://elsewhere/v2.0/","aud":["api","other"],"nonce":"n1","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}"""),
            Issuer,
            "app",
            "n1",
            Now);

        Assert.Equal(
            [
                new(TokenCheckKind.Issuer, false, Issuer, "https://elsewhere/v2.0/"),
                new(TokenCheckKind.Audience, false, "app", "api, other"),
                new(TokenCheckKind.Nonce, true, "n1", "n1"),
                new TokenCheck(TokenCheckKind.Lifetime, true, Actual: "2026-01-01 13:00:00 UTC"),
            ],
            checks);
    }

    private static bool Lifetime(DecodedJwt token) => TokenChecks.ForIdToken(token, Issuer, "app", "n1", Now).Single(c => c.Kind == TokenCheckKind.Lifetime).Passed;

    private static DecodedJwt IdToken(string issuer, string audience, string? nonce, DateTimeOffset notBefore, DateTimeOffset expires) =>
        JwtDecoderTests.Decode($$"""{"iss":"{{issuer}}","aud":"{{audience}}",{{(nonce is null ? "" : $"\"nonce\":\"{nonce}\",")}}"nbf":{{notBefore.ToUnixTimeSeconds()}},"exp":{{expires.ToUnixTimeSeconds()}}}""");
}
