using System.Text;
using System.Text.Json;

namespace IdP.Core.Tests.RunNow;

public sealed class JwtDecoderTests
{
    [Fact]
    public void A_jwt_is_decoded_into_header_payload_and_claims_with_times_for_time_claims()
    {
        var token = Jwt("""{"alg":"RS256","kid":"k1","typ":"JWT"}""", """{"iss":"https://idp.test/t/v2.0/","exp":1767225600,"emails":["ada@example.com"],"name":"Ada <Lovelace>"}""");

        var decoded = Assert.IsType<JwtDecoding.Decoded>(JwtDecoder.Decode(token)).Token;

        Assert.Equal("k1", decoded.HeaderValue("kid"));
        Assert.Equal("https://idp.test/t/v2.0/", decoded.Claim("iss"));
        Assert.Equal(["iss", "exp", "emails", "name"], decoded.Claims.Select(c => c.Name));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), decoded.Time("exp"));
        Assert.Equal(JsonValueKind.Array, decoded.Claims.Single(c => c.Name == "emails").Kind);
        Assert.Contains("\"name\": \"Ada <Lovelace>\"", decoded.PayloadJson, StringComparison.Ordinal);
        Assert.Equal(token, decoded.Raw);
    }

    [Fact]
    public void The_audience_is_read_whether_a_string_or_an_array()
    {
        Assert.Equal(["app"], Decode("""{"aud":"app"}""").Audiences);
        Assert.Equal(["app", "api"], Decode("""{"aud":["app","api"]}""").Audiences);
        Assert.Empty(Decode("{}").Audiences);
    }

    [Fact]
    public void A_time_claim_that_is_not_a_number_has_no_time() => Assert.Null(Decode("""{"exp":"tomorrow"}""").Time("exp"));

    [Theory]
    [InlineData("", JwtProblem.Empty)]
    [InlineData("a.b.c.d.e", JwtProblem.Encrypted)]
    [InlineData("not-a-token", JwtProblem.Malformed)]
    [InlineData("e30.bm90IGpzb24.sig", JwtProblem.Malformed)]
    [InlineData("W10.e30.sig", JwtProblem.Malformed)]
    public void What_is_not_a_readable_jwt_says_why(string token, JwtProblem problem) =>
        Assert.Equal(problem, Assert.IsType<JwtDecoding.NotReadable>(JwtDecoder.Decode(token)).Problem);

    [Theory]
    [InlineData("""{"alg":"none"}""", """{"sub":"\ud800"}""")]
    [InlineData("""{"alg":"none"}""", """{"aud":["app","\udc00"]}""")]
    [InlineData("""{"alg":"none"}""", """{"\ud800x":1}""")]
    [InlineData("""{"alg":"none"}""", """{"a":{"b":[1,{"c":"ok \udc00 ok"}]}}""")]
    [InlineData("""{"alg":"none","kid":"\udc00"}""", """{"sub":"ada"}""")]
    public void Json_with_an_unpaired_surrogate_escape_anywhere_is_malformed(string header, string payload) =>
        Assert.Equal(JwtProblem.Malformed, Assert.IsType<JwtDecoding.NotReadable>(JwtDecoder.Decode(Jwt(header, payload))).Problem);

    [Fact]
    public void A_surrogate_pair_escape_is_text_like_any_other()
    {
        var decoded = Decode("""{"name":"\ud83d\ude00 Ada"}""");

        Assert.Equal("\U0001F600 Ada", decoded.Claim("name"));
        Assert.Equal("\U0001F600 Ada", decoded.Claims.Single().Value);
    }

    [Fact]
    public void An_oversized_token_is_not_decoded() =>
        Assert.Equal(JwtProblem.TooLong, Assert.IsType<JwtDecoding.NotReadable>(JwtDecoder.Decode(new string('a', JwtDecoder.MaxLength + 1))).Problem);

    [Fact]
    public void A_token_of_exactly_the_longest_length_is_decoded()
    {
        var token = Jwt("""{"alg":"none"}""", """{"sub":"ada"}""");
        var padded = token + new string('a', JwtDecoder.MaxLength - token.Length);

        Assert.IsType<JwtDecoding.Decoded>(JwtDecoder.Decode(padded));
    }

    [Fact]
    public void Every_numeric_date_claim_is_shown_as_a_time_within_what_a_date_can_hold()
    {
        var decoded = Decode("""{"exp":0,"nbf":1,"iat":253402300799,"auth_time":2,"sub":3}""");

        Assert.Equal(DateTimeOffset.UnixEpoch, decoded.Time("exp"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1), decoded.Time("nbf"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(253402300799), decoded.Time("iat"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(2), decoded.Time("auth_time"));
        Assert.Null(decoded.Time("sub"));
        Assert.Null(decoded.Time("missing"));
        Assert.Null(Decode("""{"exp":-1}""").Time("exp"));
        Assert.Null(Decode("""{"exp":253402300800}""").Time("exp"));
    }

    [Fact]
    public void Values_that_are_not_strings_are_no_string_value()
    {
        var decoded = Assert.IsType<JwtDecoding.Decoded>(JwtDecoder.Decode(Jwt("""{"alg":"none","kid":7}""", """{"sub":7,"aud":{"x":"app"}}"""))).Token;

        Assert.Null(decoded.HeaderValue("kid"));
        Assert.Null(decoded.HeaderValue("typ"));
        Assert.Null(decoded.Claim("sub"));
        Assert.Empty(decoded.Audiences);
    }

    internal static DecodedJwt Decode(string payload) =>
        Assert.IsType<JwtDecoding.Decoded>(JwtDecoder.Decode(Jwt("""{"alg":"none"}""", payload))).Token;

    internal static string Jwt(string header, string payload) => $"{Part(header)}.{Part(payload)}.c2ln";

    private static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
