using IdP.Core.Applications;

namespace IdP.Core.Tests.Applications;

/// <summary>How a requested scope splits into an API's App ID URI and a scope name.</summary>
public sealed class ApiScopeValueTests
{
    [Theory]
    [InlineData("https://contoso.test/tasks-api/tasks.read", "https://contoso.test/tasks-api", "tasks.read")]
    [InlineData("api://tasks/.default", "api://tasks", ".default")]
    public void An_api_scope_is_its_app_id_uri_and_name(string value, string appIdUri, string name)
    {
        Assert.True(ApiScopeValue.TryParse(value, out var parsedUri, out var parsedName));
        Assert.Equal((appIdUri, name), (parsedUri, parsedName));
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("tasks/read")]
    [InlineData("https://contoso.test/tasks-api/")]
    [InlineData("/x/y")]
    [InlineData("//evil.test/x")]
    [InlineData("/tasks-api/.default")]
    [InlineData("file:///tasks-api/read")]
    public void A_scope_whose_resource_is_not_a_url_or_is_a_file_path_is_not_an_api_scope(string value) =>
        Assert.False(ApiScopeValue.TryParse(value, out _, out _));
}
