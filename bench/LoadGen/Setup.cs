using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdP.LoadGen;

/// <summary>
/// Registers what the benchmark needs through the admin API, as an operator would: an API with one scope, a public
/// client for the sign-in, refresh and reset flows (PKCE, no secret), a confidential daemon allowed the client
/// credentials grant for that API, self-service password reset for everyone, and the template account the seeder
/// copies. Prints the daemon's secret (shown once by the API) to standard output.
/// </summary>
internal static class Setup
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var settings = FlowSettings.From(args);
        var domain = args.Get("domain", "contoso.onmicrosoft.com");
        using var http = new HttpClient { BaseAddress = settings.Origin, Timeout = TimeSpan.FromSeconds(60) };

        var token = await TokenAsync(http, settings, args.Get("admin-id"), args.Get("admin-secret"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var resource = $"https://{domain}/bench-api";
        await SendAsync(http, HttpMethod.Post, "/admin/api/applications", new JsonObject
        {
            ["clientId"] = "bench-api",
            ["displayName"] = "Bench API",
            ["appIdUri"] = resource,
            ["apiScopes"] = new JsonArray(new JsonObject { ["name"] = "api.read", ["description"] = "Read" }),
        });
        await SendAsync(http, HttpMethod.Post, "/admin/api/applications", new JsonObject
        {
            ["clientId"] = settings.ClientId,
            ["displayName"] = "Bench web",
            ["spaRedirectUris"] = new JsonArray(settings.RedirectUri),
        });
        await SendAsync(http, HttpMethod.Post, "/admin/api/applications", new JsonObject
        {
            ["clientId"] = args.Get("daemon", "bench-daemon"),
            ["displayName"] = "Bench daemon",
            ["allowClientCredentials"] = true,
            ["apiPermissions"] = new JsonArray($"{resource}/api.read"),
        });
        var secret = await SendAsync(http, HttpMethod.Post, $"/admin/api/applications/{args.Get("daemon", "bench-daemon")}/secrets", new JsonObject { ["description"] = "bench" });
        await SendAsync(http, HttpMethod.Put, "/admin/api/settings/password-reset", new JsonObject { ["mode"] = "All" });
        await SendAsync(http, HttpMethod.Post, "/admin/api/users", new JsonObject
        {
            ["signInEmail"] = settings.Email(0),
            ["password"] = settings.Password,
            ["displayName"] = "Bench 0",
        });

        Console.WriteLine(secret["value"]!.GetValue<string>());
        return 0;
    }

    private static async Task<string> TokenAsync(HttpClient http, FlowSettings settings, string clientId, string clientSecret)
    {
        using var content = new FormUrlEncodedContent([
            new("grant_type", "client_credentials"),
            new("scope", "idp.admin"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
        ]);
        using var response = await http.PostAsync(settings.Endpoint("token"), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"admin token: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private static async Task<JsonNode> SendAsync(HttpClient http, HttpMethod method, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length > 0 ? JsonNode.Parse(text)! : new JsonObject();
    }
}
