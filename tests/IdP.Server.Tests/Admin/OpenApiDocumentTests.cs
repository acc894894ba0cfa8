namespace IdP.Server.Tests.Admin;

/// <summary>The admin API describes itself at /admin/api/openapi.json, and describes nothing else. Runs on SQLite only: the document does not depend on the database.</summary>
public sealed class OpenApiDocumentTests(AdminApiFactory<Sqlite> factory) : IClassFixture<AdminApiFactory<Sqlite>>
{
    [Fact]
    public async Task The_document_lists_every_resource_of_the_admin_api_and_nothing_else()
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.GetAsync("/admin/api/openapi.json");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("IdP admin API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/admin/api/applications", "/admin/api/applications/{clientId}", "/admin/api/applications/{clientId}/secrets",
            "/admin/api/applications/{clientId}/secrets/{secretId}", "/admin/api/user-flows", "/admin/api/user-flows/{name}",
            "/admin/api/users", "/admin/api/users/{id}", "/admin/api/users/import", "/admin/api/users/{id}/password",
            "/admin/api/users/{id}/disable", "/admin/api/users/{id}/enable", "/admin/api/users/{id}/revoke-sessions",
            "/admin/api/groups", "/admin/api/groups/{id}", "/admin/api/groups/{id}/members", "/admin/api/groups/{id}/members/{userId}",
            "/admin/api/settings/password-reset", "/admin/api/branding", "/admin/api/branding/{image}", "/admin/api/branding/strings/{language}", "/admin/api/audit-log",
        })
        {
            Assert.Contains(expected, paths);
        }

        Assert.All(paths, p => Assert.StartsWith("/admin/api/", p, StringComparison.Ordinal));
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        var create = document.GetProperty("paths").GetProperty("/admin/api/users").GetProperty("post");
        Assert.True(create.TryGetProperty("requestBody", out _), "The create operation describes its body.");

        // The update describes Graph's update-user fields scripts send to block a user or reset a password.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var update = Properties(schemas, document.GetProperty("paths").GetProperty("/admin/api/users/{id}").GetProperty("patch")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(update.TryGetProperty("accountEnabled", out _), "The update describes accountEnabled.");
        Assert.True(Properties(schemas, update.GetProperty("passwordProfile")).TryGetProperty("forceChangePasswordNextSignIn", out _), "The update describes passwordProfile.");

        // The user flow list describes flows without their page template; one flow, with it.
        var list = ResponseSchema(document, "/admin/api/user-flows").GetProperty("items");
        var one = ResponseSchema(document, "/admin/api/user-flows/{name}");
        Assert.False(Properties(schemas, list).TryGetProperty("customPageContent", out _));
        Assert.True(Properties(schemas, list).TryGetProperty("customPageError", out _));
        Assert.True(Properties(schemas, one).TryGetProperty("customPageContent", out _));
    }

    private static JsonElement ResponseSchema(JsonElement document, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private static JsonElement Properties(JsonElement schemas, JsonElement schema)
    {
        // A nullable object is "oneOf" null or the object.
        if (schema.TryGetProperty("oneOf", out var choices))
        {
            schema = choices.EnumerateArray().Single(c => !(c.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null"));
        }

        return (schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema).GetProperty("properties");
    }
}
