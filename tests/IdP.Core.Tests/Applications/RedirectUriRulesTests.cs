using IdP.Core.Applications;

namespace IdP.Core.Tests.Applications;

/// <summary>
/// Reply URLs an operator may register, and the exact matching the authorize endpoint relies on (until mutation testing
/// showed it, only the server suite checked these rules).
/// </summary>
public sealed class RedirectUriRulesTests
{
    [Theory]
    [InlineData(AppPlatform.Web, "https://app.test/signin-oidc")]
    [InlineData(AppPlatform.Web, "http://localhost:5000/signin-oidc")]
    [InlineData(AppPlatform.Spa, "http://127.0.0.1:5173/")]
    [InlineData(AppPlatform.PublicClient, "com.example.app://callback")]
    [InlineData(AppPlatform.PublicClient, "http://127.0.0.1/callback")]
    [InlineData(AppPlatform.PublicClient, "https://app.test/callback")]
    public void Usable_reply_urls_have_no_problem(AppPlatform platform, string uri) =>
        Assert.Null(RedirectUriRules.Problem(platform, uri, allowPlainHttp: false));

    [Theory]
    [InlineData(AppPlatform.Web, "http://app.test/signin-oidc", "'http://app.test/signin-oidc' must use https (http is allowed only for localhost).")]
    [InlineData(AppPlatform.Spa, "http://app.test/", "'http://app.test/' must use https (http is allowed only for localhost).")]
    [InlineData(AppPlatform.Web, "com.example.app://callback", "'com.example.app://callback' must use https (http is allowed only for localhost).")]
    [InlineData(AppPlatform.PublicClient, "http://app.test/callback", "'http://app.test/callback' must use https, a loopback address or a custom scheme.")]
    [InlineData(AppPlatform.PublicClient, "javascript:alert(1)", "'javascript:alert(1)' uses the scheme 'javascript', which cannot receive tokens.")]
    [InlineData(AppPlatform.PublicClient, "DATA:text/html,x", "'DATA:text/html,x' uses the scheme 'data', which cannot receive tokens.")]
    [InlineData(AppPlatform.PublicClient, "file:///etc/passwd", "'file:///etc/passwd' uses the scheme 'file', which cannot receive tokens.")]
    [InlineData(AppPlatform.PublicClient, "blob:https://app.test/1", "'blob:https://app.test/1' uses the scheme 'blob', which cannot receive tokens.")]
    [InlineData(AppPlatform.PublicClient, "about:blank", "'about:blank' uses the scheme 'about', which cannot receive tokens.")]
    [InlineData(AppPlatform.Web, "app.test/signin-oidc", "'app.test/signin-oidc' is not an absolute URL.")]
    [InlineData(AppPlatform.Web, "https://app.test/sign in", "'https://app.test/sign in' is not an absolute URL.")]
    [InlineData(AppPlatform.Web, "https://app.test/cb#x", "'https://app.test/cb#x' has a fragment (#…): reply URLs cannot have one.")]
    [InlineData(AppPlatform.Web, "https://app.test/cb#", "'https://app.test/cb#' has a fragment (#…): reply URLs cannot have one.")]
    [InlineData(AppPlatform.Web, "https://app.test/*", "'https://app.test/*' has a wildcard: reply URLs match exactly.")]
    [InlineData(AppPlatform.Web, " ", "A reply URL cannot be empty.")]
    [InlineData(AppPlatform.Web, null, "A reply URL cannot be empty.")]
    public void Unusable_reply_urls_are_refused_with_the_reason(AppPlatform platform, string? uri, string problem) =>
        Assert.Equal(problem, RedirectUriRules.Problem(platform, uri, allowPlainHttp: false));

    [Theory]
    [InlineData("", "A post-logout URL cannot be empty.")]
    [InlineData("https://app.test/#x", "'https://app.test/#x' has a fragment (#…): post-logout URLs cannot have one.")]
    [InlineData("https://app.test/*", "'https://app.test/*' has a wildcard: post-logout URLs match exactly.")]
    [InlineData("vbscript:x", "'vbscript:x' uses the scheme 'vbscript', which cannot receive tokens.")]
    public void Post_logout_urls_follow_the_same_rules_and_say_what_they_are(string uri, string problem) =>
        Assert.Equal(problem, RedirectUriRules.PostLogoutProblem(uri, allowPlainHttp: false));

    [Fact]
    public void A_reply_url_may_be_2048_characters_and_no_more()
    {
        var longest = "https://app.test/" + new string('a', RedirectUriRules.MaxLength - "https://app.test/".Length);

        Assert.Null(RedirectUriRules.Problem(AppPlatform.Web, longest, allowPlainHttp: false));
        Assert.Equal("A reply URL is at most 2048 characters.", RedirectUriRules.Problem(AppPlatform.Web, longest + "a", allowPlainHttp: false));
        Assert.Equal("A post-logout URL is at most 2048 characters.", RedirectUriRules.PostLogoutProblem(longest + "a", allowPlainHttp: false));
    }

    [Theory]
    [InlineData(AppPlatform.Web)]
    [InlineData(AppPlatform.PublicClient)]
    public void Plain_http_to_any_host_is_allowed_only_when_the_server_says_so(AppPlatform platform)
    {
        Assert.Null(RedirectUriRules.Problem(platform, "http://app.test/cb", allowPlainHttp: true));
        Assert.Null(RedirectUriRules.PostLogoutProblem("http://app.test/cb", allowPlainHttp: true));
        Assert.NotNull(RedirectUriRules.Problem(platform, "http://app.test/cb", allowPlainHttp: false));
    }

    [Theory]
    [InlineData(AppPlatform.Web)]
    [InlineData(AppPlatform.Spa)]
    [InlineData(AppPlatform.PublicClient)]
    public void A_registered_url_matches_itself_on_every_platform(AppPlatform platform) =>
        Assert.True(RedirectUriRules.Matches(platform, "https://app.test/cb?x=1", "https://app.test/cb?x=1"));

    [Theory]
    [InlineData("https://app.test/cb", "https://app.test/cb/")]
    [InlineData("https://app.test/cb", "https://APP.test/cb")]
    [InlineData("https://app.test/cb", "https://app.test/CB")]
    [InlineData("http://localhost:5000/cb", "http://localhost:5001/cb")]
    public void Web_urls_match_exactly_even_on_loopback(string registered, string requested) =>
        Assert.False(RedirectUriRules.Matches(AppPlatform.Web, registered, requested));

    [Fact]
    public void A_public_client_loopback_url_matches_any_port() =>
        Assert.True(RedirectUriRules.Matches(AppPlatform.PublicClient, "http://127.0.0.1/callback", "http://127.0.0.1:61234/callback"));

    [Theory]
    [InlineData("http://127.0.0.1/callback", "http://localhost:61234/callback")]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:61234/other")]
    [InlineData("http://127.0.0.1/callback?a=1", "http://127.0.0.1:61234/callback?a=2")]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:61234/callback#x")]
    [InlineData("http://127.0.0.1/callback", "http://user@127.0.0.1:61234/callback")]
    [InlineData("http://user@127.0.0.1/callback", "http://user@127.0.0.1:61234/callback")]
    [InlineData("https://127.0.0.1/callback", "https://127.0.0.1:61234/callback")]
    [InlineData("http://127.0.0.1/callback", "https://127.0.0.1:61234/callback")]
    [InlineData("http://app.test/callback", "http://app.test:61234/callback")]
    [InlineData("http://127.0.0.1/callback", "http://app.test:61234/callback")]
    [InlineData("http://127.0.0.1/callback", "/callback")]
    public void Only_the_port_of_a_public_client_loopback_url_may_differ(string registered, string requested) =>
        Assert.False(RedirectUriRules.Matches(AppPlatform.PublicClient, registered, requested));

    [Theory]
    [InlineData("https://app.test:8443/cb?x=1", "https://app.test:8443")]
    [InlineData("http://localhost:5000/cb", "http://localhost:5000")]
    [InlineData("com.example.app://callback", null)]
    [InlineData("not a url", null)]
    public void The_origin_is_scheme_host_and_port_of_web_urls(string uri, string? origin) =>
        Assert.Equal(origin, RedirectUriRules.Origin(uri));
}
