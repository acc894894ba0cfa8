namespace IdP.Server.Tests.Hosting;

/// <summary>
/// The server started as operators start it, <c>dotnet /path/IdP.Server.dll</c>, from a folder that is not its own:
/// it finds its appsettings files and wwwroot, keeps protocol log levels even when configuration asks for Trace, and
/// takes configured reply URLs instead of adding them to the defaults.
/// </summary>
public sealed class StartFromAnotherFolderTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("idp-elsewhere-").FullName;
    private readonly ServerNode _server;

    public StartFromAnotherFolderTests() => _server = new ServerNode("elsewhere", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings:IdP"] = $"Data Source={Path.Combine(_data, "idp.db")}",
        ["Logging:LogLevel:Default"] = "Trace",
        ["IdP:Demo:RedirectUris:0"] = "https://my-app.test/callback",
    });

    private string Output => _server.Output;

    public Task InitializeAsync() => _server.StartAsync();

    [Fact]
    public async Task It_serves_its_own_static_files_and_reads_its_development_settings()
    {
        using var client = new HttpClient { BaseAddress = _server.Address };

        using var css = await client.GetAsync("/css/site.css");
        using var discovery = await client.GetAsync($"/{IdPFactory.TenantDomain}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);

        // appsettings.Development.json switches the demo on: its banner line is printed once the server listens.
        await WaitForAsync("Sign in (demo app)");
    }

    [Fact]
    public async Task A_configured_demo_reply_url_replaces_the_defaults()
    {
        var signIn = await WaitForAsync("Sign in (demo app)");

        Assert.Contains("redirect_uri=https%3A%2F%2Fmy-app.test%2Fcallback", signIn, StringComparison.Ordinal);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.Address };
        using var toJwtMs = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize?client_id=demo-app&redirect_uri=https%3A%2F%2Fjwt.ms&response_type=id_token&scope=openid&nonce=n");
        Assert.Equal(HttpStatusCode.BadRequest, toJwtMs.StatusCode);
    }

    [Fact]
    public async Task Protocol_log_levels_hold_when_configuration_asks_for_trace()
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        using var discovery = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");
        using var logout = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/logout?id_token_hint=secret-looking-hint");
        await WaitForAsync("Sign in (demo app)");

        // Default=Trace reaches our own categories (the banner is Information), but not OpenIddict's request and token
        // logs, nor ASP.NET Core's request log, which would print the id_token_hint in the query string.
        Assert.DoesNotContain("OpenIddict.Server", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-hint", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", Output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private async Task<string> WaitForAsync(string text)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var line = Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"'{text}' never appeared in the server's output: {Output}");
    }
}
