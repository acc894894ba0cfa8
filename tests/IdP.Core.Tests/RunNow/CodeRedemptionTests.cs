using System.Text;

namespace IdP.Core.Tests.RunNow;

public sealed class CodeRedemptionTests
{
    [Fact]
    public void A_successful_reply_gives_the_tokens_and_the_replys_other_members()
    {
        var tokens = Assert.IsType<CodeRedemption.Tokens>(Read(200, """{"id_token":"i","access_token":"a","refresh_token":"r","token_type":"Bearer","scope":"openid offline_access","expires_in":3600}"""));

        Assert.Equal(new CodeRedemption.Tokens("i", "a", "r", "Bearer", "openid offline_access", 3600), tokens);
    }

    [Fact]
    public void A_refusal_gives_the_oauth_error_and_its_description() =>
        Assert.Equal(new CodeRedemption.Refused("invalid_grant", "The specified token is invalid."), Read(400, """{"error":"invalid_grant","error_description":"The specified token is invalid."}"""));

    [Fact]
    public void A_refusal_without_an_error_member_is_named_by_its_status() =>
        Assert.Equal(new CodeRedemption.Refused("403", null), Read(403, """{"message":"no"}"""));

    [Fact]
    public void A_success_without_an_id_token_is_not_taken_for_tokens() =>
        Assert.Equal(new CodeRedemption.Refused("200", null), Read(200, """{"access_token":"a"}"""));

    [Theory]
    [InlineData(500, "<html>Error</html>")]
    [InlineData(200, "")]
    [InlineData(200, """["id_token"]""")]
    [InlineData(200, """{"id_token":"i"} trailing""")]
    [InlineData(400, """{"error":"invalid_grant","error_description":"\ud800"}""")]
    [InlineData(200, """{"id_token":"i","scope":"\udc00"}""")]
    [InlineData(200, """{"id_token":"i","extra":{"\ud800":1}}""")]
    public void A_reply_that_is_not_a_readable_json_object_is_unreadable(int status, string body) =>
        Assert.Equal(new CodeRedemption.Unreadable(status), Read(status, body));

    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    public void Only_a_2xx_reply_gives_tokens(int status, bool tokens) =>
        Assert.Equal(tokens, Read(status, """{"id_token":"i"}""") is CodeRedemption.Tokens);

    [Fact]
    public void Members_of_the_wrong_json_type_are_left_out_not_failed()
    {
        Assert.Equal(new CodeRedemption.Tokens("i", null, null, null, null, null), Read(200, """{"id_token":"i","access_token":5,"expires_in":"3600"}"""));
        Assert.Equal(new CodeRedemption.Refused("200", null), Read(200, """{"id_token":5}"""));
    }

    private static CodeRedemption Read(int status, string body) => CodeRedemption.Read(status, Encoding.UTF8.GetBytes(body));
}
